"""What a built-in CV template does not print of a persona, from data/templates/manifest.json:
its config's "does_not_render" field patterns, plus the roles and highlights past its
max_roles / max_highlights. Used by roundtrip_test.py and tools/roundtrip.sh."""
import json
import sys


def cv_templates(manifest_path):
    """(name, config) of every built-in CV template."""
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    return [(t["name"], t.get("config", {})) for t in manifest["templates"] if t["type"] == "cv"]


def skips(config, persona):
    """Field patterns (score_cv.py syntax: "work.url", "work[4]", "work[0].highlights[3]")."""
    out = list(config.get("does_not_render", []))
    roles = config.get("max_roles")
    highlights = config.get("max_highlights")
    for i, work in enumerate(persona.get("work", [])):
        if roles is not None and i >= roles:
            out.append("work[%d]" % i)
        elif highlights is not None:
            out += ["work[%d].highlights[%d]" % (i, j)
                    for j in range(highlights, len(work.get("highlights", [])))]
    return out


if __name__ == "__main__":
    # roundtrip_skips.py MANIFEST TEMPLATE PERSONA: the patterns as a JSON list.
    configs = dict(cv_templates(sys.argv[1]))
    with open(sys.argv[3], encoding="utf-8") as f:
        print(json.dumps(skips(configs[sys.argv[2]], json.load(f))))
