#!/usr/bin/env python3
"""Recall of each CV ground truth's skills (group names and keywords) as KB entries.

Runs `personaforge kb extract ground_truth.json --as-of 2026-01` on every
../shared/corpus/cv/*/ground_truth.json (the parsed CV stands in for the parser's output for
now). A truth item is recalled when an entry's normalised value equals the item's normalised
text, or when the item, matched alone as a skill list, names a concept that is an entry.
Measuring only: nothing from the corpus is stored.

    tests/bench/kb/eval_cv.py BUILD_DIR [SHARED_DIR]
"""
import glob, json, os, re, subprocess, sys, tempfile

build = sys.argv[1] if len(sys.argv) > 1 else 'build'
shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '../../../../shared')
pf = os.path.join(build, 'src', 'personaforge')
norm = lambda s: re.sub(r'\s+', ' ', re.sub(r'[-_]', ' ', s.lower())).strip()

def concepts_of(text):
    with tempfile.NamedTemporaryFile('w', delete=False, suffix='.txt', encoding='utf-8') as f:
        f.write(text); name = f.name
    out = json.loads(subprocess.run([pf, 'kb', 'match', '--skill-list', name], capture_output=True, check=True).stdout)
    os.unlink(name)
    return {m['concept'] for m in out['matches']}

total = hit = kw_total = kw_hit = 0
misses = []
for gt in sorted(glob.glob(os.path.join(shared, 'corpus/cv/*/ground_truth.json'))):
    resume = json.load(open(gt, encoding='utf-8'))
    out = json.loads(subprocess.run([pf, 'kb', 'extract', gt, '--as-of', '2026-01'], capture_output=True, check=True).stdout)
    values = {norm(e['normalized_value']) for e in out['entries']} | {norm(e['value']) for e in out['entries']}
    names = {e['value'] for e in out['entries']}
    for group in resume.get('skills', []):
        items = [('name', group.get('name'))] + [('keyword', k) for k in group.get('keywords') or []]
        for kind, item in items:
            if not item:
                continue
            ok = norm(item) in values or bool(concepts_of(item) & names)
            total += 1; hit += ok
            if kind == 'keyword':
                kw_total += 1; kw_hit += ok
            if not ok:
                misses.append(f'{os.path.basename(os.path.dirname(gt))}: {kind} "{item}"')
print(f'| CV ground truth | items | recalled | recall |')
print('|---|---|---|---|')
print(f'| skill names + keywords | {total} | {hit} | {hit / total:.3f} |')
print(f'| keywords only | {kw_total} | {kw_hit} | {kw_hit / kw_total:.3f} |')
for m in misses:
    print('miss:', m)
