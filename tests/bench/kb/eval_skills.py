#!/usr/bin/env python3
"""Skill-mention detection measured on SkillSpan and Green et al. (../shared/eval/skills).

Method (the datasets' README): each test sentence's tokens are joined with single spaces and
run through `personaforge kb match` (one process, sentences separated by "\\n.\\n"); every match
becomes a predicted span of the tokens it overlaps. Our skill/tool/domain matches are compared
with SkillSpan's *knowledge* layer and our soft-skill matches with its *skill* layer; for Green,
skill/tool/soft-skill matches against Skill tags and domain matches against Domain tags.
Strict: identical token range. Loose: any token overlap (precision over predicted spans,
recall over gold spans). Measuring only: nothing from the datasets is stored.

    tests/bench/kb/eval_skills.py BUILD_DIR [SHARED_DIR]
"""
import csv, json, os, subprocess, sys, tempfile

build = sys.argv[1] if len(sys.argv) > 1 else 'build'
shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '../../../../shared')
pf = os.path.join(build, 'src', 'personaforge')
SEP = '\n.\n'

def spans_from_bio(tags):
    spans, start = [], None
    for i, t in enumerate(tags + ['O']):
        if t.startswith('B') or t == 'O' or (t.startswith('I') and start is None):
            if start is not None:
                spans.append((start, i))
                start = None
            if t.startswith('B') or t.startswith('I'):
                start = i
    return spans

def read_conll(path):
    sents, cur = [], []
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line.strip():
            if cur: sents.append(cur); cur = []
            continue
        parts = line.split('\t')
        cur.append(parts)
    if cur: sents.append(cur)
    return sents

def match_sentences(token_lists):
    text, offsets, pos = [], [], 0
    for tokens in token_lists:
        starts = []
        for j, tok in enumerate(tokens):
            if j: text.append(' '); pos += 1
            starts.append(pos)
            text.append(tok); pos += len(tok.encode('utf-8'))
        offsets.append(starts)
        text.append(SEP); pos += len(SEP)
    with tempfile.NamedTemporaryFile('w', delete=False, suffix='.txt', encoding='utf-8') as f:
        f.write(''.join(text)); name = f.name
    out = subprocess.run([pf, 'kb', 'match', name], capture_output=True, check=True).stdout
    os.unlink(name)
    matches = json.loads(out)['matches']
    # assign matches to sentences by byte offset
    per = [[] for _ in token_lists]
    bounds = []
    for k, starts in enumerate(offsets):
        toks = token_lists[k]
        end = starts[-1] + len(toks[-1].encode('utf-8')) if toks else 0
        bounds.append((starts[0] if starts else 0, end))
    k = 0
    for m in matches:
        while k < len(bounds) and m['start'] >= bounds[k][1]:
            k += 1
        if k >= len(bounds) or m['start'] < bounds[k][0]:
            continue
        starts = offsets[k]; toks = token_lists[k]
        covered = [j for j, s in enumerate(starts)
                   if s < m['end'] and s + len(toks[j].encode('utf-8')) > m['start']]
        if covered:
            per[k].append((covered[0], covered[-1] + 1, m['category']))
    return per

def score(gold, pred):
    """gold, pred: lists (per sentence) of (start, end) spans."""
    tp_s = sum(len(set(g) & set(p)) for g, p in zip(gold, pred))
    n_pred = sum(len(p) for p in pred); n_gold = sum(len(g) for g in gold)
    ov = lambda a, b: a[0] < b[1] and b[0] < a[1]
    p_loose = sum(1 for g, p in zip(gold, pred) for x in p if any(ov(x, y) for y in g))
    r_loose = sum(1 for g, p in zip(gold, pred) for y in g if any(ov(x, y) for x in p))
    def prf(tp_p, tp_r):
        P = tp_p / n_pred if n_pred else 0.0; R = tp_r / n_gold if n_gold else 0.0
        return P, R, (2 * P * R / (P + R) if P + R else 0.0)
    return prf(tp_s, tp_s), prf(p_loose, r_loose), n_gold, n_pred

def row(name, res):
    (sp, sr, sf), (lp, lr, lf), ng, npred = res
    return f'| {name} | {ng} | {npred} | {sp:.3f} / {sr:.3f} / {sf:.3f} | {lp:.3f} / {lr:.3f} / {lf:.3f} |'

rows = []
TECH = {'skill', 'tool', 'domain'}
for split in ('tech', 'house'):
    path = os.path.join(shared, 'eval/skills/skillspan', f'skillspan_{split}_test.conll')
    if not os.path.exists(path):
        continue
    sents = read_conll(path)
    tokens = [[t[0] for t in s] for s in sents]
    pred = match_sentences(tokens)
    gold_k = [spans_from_bio([t[2] if len(t) > 2 else 'O' for t in s]) for s in sents]
    gold_s = [spans_from_bio([t[1] if len(t) > 1 else 'O' for t in s]) for s in sents]
    pk = [[(a, b) for a, b, c in p if c in TECH] for p in pred]
    ps = [[(a, b) for a, b, c in p if c == 'soft_skill'] for p in pred]
    rows.append(row(f'SkillSpan {split} — knowledge vs skill/tool/domain', score(gold_k, pk)))
    rows.append(row(f'SkillSpan {split} — skill vs soft skill', score(gold_s, ps)))
green = os.path.join(shared, 'eval/skills/green/df_testset.csv')
if os.path.exists(green):
    by = {}
    for r in csv.DictReader(open(green, encoding='utf-8')):
        by.setdefault(r['sentence_id'], []).append((r['word'], r['tag']))
    sents = list(by.values())
    tokens = [[w for w, _ in s] for s in sents]
    pred = match_sentences(tokens)
    def gold_for(label):
        return [spans_from_bio(['B' if t == f'B-{label}' else 'I' if t == f'I-{label}' else 'O'
                                for _, t in s]) for s in sents]
    rows.append(row('Green — Skill vs skill/tool/soft skill',
                    score(gold_for('Skill'), [[(a, b) for a, b, c in p if c in {'skill', 'tool', 'soft_skill'}] for p in pred])))
    rows.append(row('Green — Domain vs domain',
                    score(gold_for('Domain'), [[(a, b) for a, b, c in p if c == 'domain'] for p in pred])))
print('| set — gold layer vs our categories | gold spans | predicted | strict P / R / F1 | loose P / R / F1 |')
print('|---|---|---|---|---|')
print('\n'.join(rows))
