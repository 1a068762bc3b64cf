"""A JSON Resume document for tests (imported as is by the JSON Resume reader)."""
import json

RESUME = {
    "basics": {"name": "Grace Hopper", "label": "Software Engineer",
               "email": "grace@example.com",
               "summary": "Engineer who led a team of six building compilers in Python and C."},
    "work": [
        {"name": "Remington Rand", "position": "Senior Engineer", "startDate": "2018-01",
         "endDate": "2022-06",
         "highlights": ["Built the first compiler with Python and PostgreSQL",
                        "Led a team of six engineers"]},
        {"name": "Harvard", "position": "Engineer", "startDate": "2015-03",
         "endDate": "2017-12", "highlights": ["Wrote Kubernetes operators in Go"]},
    ],
    "skills": [{"name": "Programming", "keywords": ["Python", "C", "Kubernetes", "Terraform"]}],
}


def resume_bytes(resume=None):
    return json.dumps(resume or RESUME).encode()
