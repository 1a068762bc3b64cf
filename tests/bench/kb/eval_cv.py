#!/usr/bin/env python3
"""Recall of each CV ground truth's skills (group names and keywords) as KB entries.

Two modes. By default `personaforge kb extract ground_truth.json` runs on every
../shared/corpus/cv/*/ground_truth.json (the knowledge base alone). With --documents, every PDF
and DOCX of the corpus goes through the real pipeline instead — `personaforge parse`, then
`kb extract` of the parsed JSON Resume with the document's text — and recall is reported per
format. A truth item is recalled when an entry's normalised value equals the item's normalised
text, or when the item, matched alone as a skill list, names a concept that is an entry.
Measuring only: nothing from the corpus is stored.

    tests/bench/kb/eval_cv.py BUILD_DIR [SHARED_DIR] [--documents]
"""
import glob, json, os, re, subprocess, sys, tempfile

args = [a for a in sys.argv[1:] if not a.startswith('--')]
documents = '--documents' in sys.argv
build = args[0] if args else 'build'
shared = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), '../../../../shared')
pf = os.path.join(build, 'src', 'personaforge')
norm = lambda s: re.sub(r'\s+', ' ', re.sub(r'[-_]', ' ', s.lower())).strip()

def concepts_of(text):
    with tempfile.NamedTemporaryFile('w', delete=False, suffix='.txt', encoding='utf-8') as f:
        f.write(text); name = f.name
    out = json.loads(subprocess.run([pf, 'kb', 'match', '--skill-list', name], capture_output=True, check=True).stdout)
    os.unlink(name)
    return {m['concept'] for m in out['matches']}

def entries_for(path):
    """KB entries of a ground truth file, or of a document parsed by our own pipeline."""
    if not documents:
        out = subprocess.run([pf, 'kb', 'extract', path, '--as-of', '2026-01'], capture_output=True, check=True)
        return json.loads(out.stdout)['entries']
    with tempfile.TemporaryDirectory() as tmp:
        parsed, text = os.path.join(tmp, 'parsed.json'), os.path.join(tmp, 'raw.txt')
        with open(parsed, 'wb') as f:
            f.write(subprocess.run([pf, 'parse', path], capture_output=True, check=True).stdout)
        with open(text, 'wb') as f:
            f.write(subprocess.run([pf, 'extract', path], capture_output=True, check=True).stdout)
        out = subprocess.run([pf, 'kb', 'extract', parsed, '--raw-text', text, '--as-of', '2026-01'],
                             capture_output=True, check=True)
        return json.loads(out.stdout)['entries']

counts = {}
misses = []
for gt in sorted(glob.glob(os.path.join(shared, 'corpus/cv/*/ground_truth.json'))):
    resume = json.load(open(gt, encoding='utf-8'))
    folder = os.path.dirname(gt)
    sources = [('ground truth', gt)]
    if documents:
        sources = [(os.path.splitext(d)[1][1:], d) for d in sorted(glob.glob(os.path.join(folder, '*.pdf')) + glob.glob(os.path.join(folder, '*.docx')))]
    for label, path in sources:
        entries = entries_for(path)
        values = {norm(e['normalized_value']) for e in entries} | {norm(e['value']) for e in entries}
        names = {e['value'] for e in entries}
        c = counts.setdefault(label, [0, 0, 0, 0])
        for group in resume.get('skills', []):
            items = [('name', group.get('name'))] + [('keyword', k) for k in group.get('keywords') or []]
            for kind, item in items:
                if not item:
                    continue
                ok = norm(item) in values or bool(concepts_of(item) & names)
                c[0] += 1; c[1] += ok
                if kind == 'keyword':
                    c[2] += 1; c[3] += ok
                if not ok:
                    misses.append(f'{os.path.relpath(path, shared)}: {kind} "{item}"')
print('| source | items | recalled | recall | keywords recall |')
print('|---|---|---|---|---|')
for label, (total, hit, kw_total, kw_hit) in counts.items():
    print(f'| {label} | {total} | {hit} | {hit / total:.3f} | {kw_hit / max(kw_total, 1):.3f} |')
for m in misses:
    print('miss:', m)
