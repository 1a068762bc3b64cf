#!/usr/bin/env node
// Checks that `personaforge parse` output validates against the official JSON Resume schema
// (@jsonresume/schema, pinned in the root package.json) for every golden parse fixture, with
// and without meta. Exits 77 (ctest: skipped) when node_modules has not been installed.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [, , binary, fixtures, root] = process.argv;
let validator;
try {
    validator = require(path.join(root, 'node_modules', '@jsonresume', 'schema'));
} catch (e) {
    console.log('SKIP: @jsonresume/schema is not installed (run `npm ci` at the repository root)');
    process.exit(77);
}
let passed = 0;
let failed = 0;
const files = fs.readdirSync(fixtures).filter((f) => !f.includes('.expected.') && !f.startsWith('.'))
    .filter((f) => fs.statSync(path.join(fixtures, f)).isFile()).sort();
for (const file of files) {
    for (const flags of [[], ['--no-meta']]) {
        let out;
        try {
            out = execFileSync(binary, ['parse', path.join(fixtures, file), '--as-of', '2025-01-15', ...flags],
                { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
        } catch (e) {
            // Documents the parser must refuse (empty ones) are not resumes.
            console.log(`ok - ${file} ${flags.join(' ')} # refused: ${String(e.stderr).trim()}`);
            continue;
        }
        const resume = JSON.parse(out);
        validator.validate(resume, (errors, valid) => {
            if (valid) {
                passed++;
                console.log(`ok - ${file} ${flags.join(' ')}`);
            } else {
                failed++;
                console.log(`not ok - ${file} ${flags.join(' ')}`);
                for (const err of errors) console.log(`#   ${err.property}: ${err.message}`);
            }
        });
    }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
