"""Parsed CVs for API tests, written straight into the test database.

The CV upload and parse pipeline belongs to other issues; persona and gap tests only need a CV
row whose parsed_json is a given JSON Resume, and a way to edit it the way a user's correction
of the base CV does (the store's pf_store_cv_set_parsed)."""
import datetime
import json
import sqlite3
import subprocess
import uuid

from pfapi import BACKEND


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _pg(server, sql, *params):
    # psql variables keep the JSON out of the SQL text (no quoting by hand).
    args = ["psql", server.database, "-qAt", "-v", "ON_ERROR_STOP=1"]
    for i, value in enumerate(params):
        args += ["-v", f"p{i}={value}"]
    subprocess.run(args, input=sql.encode(), check=True, stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE)


def _fts_key(text):
    """The store's pf_fts_key() (pf_search_fts_key): the FTS rowid, smaller for newer ids."""
    try:
        raw = uuid.UUID(text).bytes
    except (TypeError, ValueError):
        return None
    ms = int.from_bytes(raw[0:6], "big") & ((1 << 42) - 1)
    seq = (raw[6] & 0x0F) << 8 | raw[7]
    random = (raw[9] << 1 | raw[10] >> 7) & 0x1FF
    return 0x7FFFFFFFFFFFFFFF - (ms << 21 | seq << 9 | random)


def _json_text(text):
    """The store's pf_json_text(): every string of a JSON document joined by spaces."""
    out = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
    if text:
        try:
            walk(json.loads(text))
        except ValueError:
            pass
    return " ".join(out)


def _fts_ws(text):
    """The store's pf_fts_ws(): the FTS5 workspace token, the UUID's 16-bit chunks as private-use
    characters (pf_search_ws_token)."""
    try:
        raw = uuid.UUID(text).bytes
    except (TypeError, ValueError):
        return None
    chunks = (raw[i] << 8 | raw[i + 1] for i in range(0, 16, 2))
    return "".join(chr(0xF0000 + c if c < 0xFFFE else 0x100000 + c - 0xFFFE) for c in chunks)


def _sqlite(server):
    # The store's triggers call functions it registers on its own connections.
    db = sqlite3.connect(server.database[len("sqlite:"):], timeout=30)
    db.create_function("pf_fts_key", 1, _fts_key, deterministic=True)
    db.create_function("pf_json_text", 1, _json_text, deterministic=True)
    db.create_function("pf_fts_ws", 1, _fts_ws, deterministic=True)
    return db


def _uuid7():
    raw = bytearray(uuid.uuid4().bytes)
    ms = int(datetime.datetime.now().timestamp() * 1000)
    raw[0:6] = ms.to_bytes(6, "big")
    raw[6] = (raw[6] & 0x0F) | 0x70
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))


def insert_cv(server, user, resume, filename="cv.json"):
    """A parsed CV in user's personal workspace; returns its id."""
    cv_id = _uuid7()
    text = json.dumps(resume)
    now = _now()
    if BACKEND == "pg":
        _pg(server, "INSERT INTO cvs (id, workspace_id, user_id, filename, content_type, "
                    "size_bytes, sha256, format, status, parsed_json, created_at, updated_at) "
                    "VALUES (:'p0', :'p1', :'p1', :'p2', 'application/json', 2, '00', 'json', "
                    "'parsed', :'p3'::jsonb, now(), now())",
            cv_id, user["id"], filename, text)
    else:
        with _sqlite(server) as db:
            db.execute("INSERT INTO cvs (id, workspace_id, user_id, filename, content_type, "
                       "size_bytes, sha256, format, status, parsed_json, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, 'application/json', 2, '00', 'json', 'parsed', ?, ?, ?)",
                       (cv_id, user["id"], user["id"], filename, text, now, now))
    return cv_id


def set_parsed(server, cv_id, resume):
    """Replaces a CV's parsed_json, as a correction of the base CV does."""
    text = json.dumps(resume)
    if BACKEND == "pg":
        _pg(server, "UPDATE cvs SET parsed_json = :'p1'::jsonb, updated_at = now() "
                    "WHERE id = :'p0'", cv_id, text)
    else:
        with _sqlite(server) as db:
            db.execute("UPDATE cvs SET parsed_json = ?, updated_at = ? WHERE id = ?",
                       (text, _now(), cv_id))


def insert_kb_entry(server, user, type_, value, confirmed=True):
    entry_id = _uuid7()
    if BACKEND == "pg":
        _pg(server, "INSERT INTO knowledgebase_entries (id, workspace_id, user_id, type, value, "
                    "normalized_value, source, confirmed, created_at, updated_at) VALUES "
                    "(:'p0', :'p1', :'p1', :'p2', :'p3', lower(:'p3'), 'user_answer', :'p4', "
                    "now(), now())", entry_id, user["id"], type_, value,
            "true" if confirmed else "false")
    else:
        now = _now()
        with _sqlite(server) as db:
            db.execute("INSERT INTO knowledgebase_entries (id, workspace_id, user_id, type, value, "
                       "normalized_value, source, confirmed, created_at, updated_at) VALUES "
                       "(?, ?, ?, ?, ?, ?, 'user_answer', ?, ?, ?)",
                       (entry_id, user["id"], user["id"], type_, value, value.lower(),
                        1 if confirmed else 0, now, now))
    return entry_id


RESUME = {
    "basics": {"name": "Ada Example", "label": "Data Engineer", "email": "ada@example.com",
               "phone": "+44 20 7946 0000", "summary": "Data engineer building pipelines.",
               "location": {"city": "London", "countryCode": "GB"},
               "profiles": [{"network": "GitHub", "url": "https://github.com/ada"}]},
    "work": [
        {"name": "Acme", "position": "Senior Data Engineer", "startDate": "2019-01",
         "highlights": ["Built dbt models in Snowflake used by 40 analysts",
                        "Scheduled pipelines with Apache Airflow, cutting failures by 30%",
                        "Responsible for the weekly report"]},
        {"name": "Initech", "position": "Data Analyst", "startDate": "2015-02",
         "endDate": "2018-12",
         "highlights": ["Wrote SQL for finance dashboards in Tableau", "Helped the team"]},
    ],
    "education": [{"institution": "Uni", "area": "Mathematics", "studyType": "Bachelor",
                   "startDate": "2011-09", "endDate": "2014-06"}],
    "skills": [{"name": "Data", "keywords": ["SQL", "dbt", "Snowflake", "Python"]}],
    "languages": [{"language": "English", "fluency": "Native"}],
}
