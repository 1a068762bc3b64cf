/* Generated people, CVs, personas and knowledge-base values for `personaforge dev seed`, from
 * word lists written for it. Skills are drawn with Zipf-like weights (rank^-1.3), so "python"
 * is everywhere and "erlang" is rare, as in real CVs. */
#include "cli/cli_dev_text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const first_names[] = {
    "Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Edsger",
    "Radia", "Tim", "Hedy", "John", "Katherine", "Donald", "Annie", "Guido", "Sophie", "Bjarne",
    "Jean", "Niklaus", "Karen", "James", "Shafi", "Leslie", "Yukihiro", "Anita", "Vint", "Joan",
    "Mateo", "Lena", "Jonas", "Amira", "Lukas", "Mia", "Noah", "Elif", "Omar", "Priya", "Chen",
    "Sofia", "Emil", "Hana", "Ivan", "Zara", "Felix", "Nora", "Arjun", "Ines", "Tomasz", "Aiko",
    "Kwame", "Freya", "Diego", "Yara", "Pavel", "Leila", "Henrik", "Camila",
};

static const char *const last_names[] = {
    "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie",
    "Allen", "Dijkstra", "Perlman", "Berners", "Lamarr", "Backus", "Johnson", "Knuth", "Easley",
    "Rossum", "Wilson", "Stroustrup", "Sammet", "Wirth", "Jones", "Gosling", "Goldwasser",
    "Lamport", "Matsumoto", "Borg", "Cerf", "Clarke", "Garcia", "Schmidt", "Novak", "Yilmaz",
    "Haddad", "Patel", "Wang", "Rossi", "Larsen", "Tanaka", "Ivanova", "Mensah", "Nielsen",
    "Fernandes", "Kowalski", "Okafor", "Dubois", "Moreau", "Becker", "Horvat",
};

static const char *const cities[] = {
    "Berlin", "Munich", "Hamburg", "London", "Manchester", "Paris", "Lyon", "Amsterdam",
    "Rotterdam", "Madrid", "Barcelona", "Lisbon", "Milan", "Vienna", "Zurich", "Warsaw", "Prague",
    "Stockholm", "Copenhagen", "Dublin", "Helsinki", "Oslo", "Brussels", "Tallinn", "Remote",
};

static const char *const titles[] = {
    "Backend Engineer", "Platform Engineer", "Software Engineer", "Data Scientist",
    "Engineering Manager", "Product Manager", "DevOps Engineer", "Site Reliability Engineer",
    "Frontend Developer", "Data Engineer", "Machine Learning Engineer", "Security Engineer",
    "QA Engineer", "Solutions Architect", "Technical Writer", "UX Designer", "Data Analyst",
    "IT Consultant", "Scrum Master", "Mobile Developer", "Full Stack Developer",
    "Cloud Architect", "Database Administrator", "Embedded Software Engineer",
};

static const char *const seniorities[] = {"Junior", "", "", "Senior", "Senior", "Staff",
                                          "Principal", "Lead"};

/* Most used first: the draw weights fall with the rank. */
static const char *const skills[] = {
    "Python", "JavaScript", "SQL", "Java", "TypeScript", "Docker", "AWS", "Linux", "Git",
    "Kubernetes", "React", "PostgreSQL", "Go", "C#", "Node.js", "REST APIs", "Terraform",
    "Azure", "CI/CD", "Kafka", "Spring Boot", "C++", "Redis", "GCP", "Agile", "Microservices",
    "Django", "GraphQL", "Machine Learning", "MongoDB", "Angular", "Vue.js", "Ansible", "Spark",
    "Pandas", "Jenkins", "Elasticsearch", "Kotlin", "Scala", "Rust", "PHP", "Ruby", "Swift",
    "Flask", "FastAPI", "Airflow", "dbt", "Snowflake", "Tableau", "Power BI", "TensorFlow",
    "PyTorch", "Distributed Systems", "Data Engineering", "Event Sourcing", "gRPC", "RabbitMQ",
    "Prometheus", "Grafana", "OpenTelemetry", "Helm", "ArgoCD", "MySQL", "Cassandra", "DynamoDB",
    "BigQuery", "Hadoop", "Natural Language Processing", "Computer Vision", "Next.js",
    "Svelte", "Webpack", "Sass", "Figma", "Selenium", "Cypress", "Playwright", "JUnit", "pytest",
    "Bash", "PowerShell", "Nginx", "Envoy", "Istio", "Linkerd", "Vault", "Consul", "Nomad",
    "OpenShift", "Serverless", "Lambda", "CloudFormation", "Pulumi", "Chef", "Puppet", "Perl",
    "R", "MATLAB", "SAS", "Julia", "Dart", "Flutter", "React Native", "Objective-C", "Unity",
    "Unreal Engine", "OpenGL", "Vulkan", "WebAssembly", "Solidity", "Haskell", "Clojure",
    "Elixir", "F#", "OCaml", "Lua", "Groovy", "Visual Basic", "Delphi", "Assembly", "Verilog",
    "VHDL", "MLOps", "LangChain", "Domain Driven Design", "Test Automation", "Site Reliability",
    "Continuous Integration", "Erlang", "COBOL", "Fortran", "Prolog", "Smalltalk", "Ada", "Zig",
    "Nim", "Crystal", "Racket", "APL", "Forth", "Pascal", "Lisp", "Scheme", "Tcl", "ABAP",
};

static const char *const skill_aspects[] = {
    "", "architecture", "performance tuning", "testing", "migrations", "security",
    "operations", "APIs", "tooling", "at scale", "training", "code review", "monitoring",
    "automation", "best practices", "internals", "integration", "data modelling",
    "debugging", "mentoring", "consulting", "certification", "upgrades", "cost control",
};

static const char *const tools[] = {
    "Jira", "Confluence", "Slack", "GitHub", "GitLab", "Bitbucket", "Notion", "Datadog",
    "Splunk", "New Relic", "Sentry", "PagerDuty", "Postman", "Jupyter", "VS Code", "IntelliJ",
    "Excel", "SAP", "Salesforce", "ServiceNow", "Zendesk", "HubSpot", "Looker", "Metabase",
    "Kibana", "SonarQube", "Artifactory", "Nexus", "Vagrant", "Packer", "Backstage", "Miro",
};

static const char *const tool_aspects[] = {
    "", "administration", "dashboards", "plugins", "automation", "workflows", "integrations",
    "reporting", "migration", "scripting", "configuration", "governance", "training",
};

static const char *const domains[] = {
    "Fintech", "Banking", "Insurance", "Healthcare", "E-commerce", "Retail", "Logistics",
    "Automotive", "Telecommunications", "Gaming", "Energy", "Public sector", "Media",
    "Travel", "Education", "Real estate", "Biotech", "Aerospace", "Manufacturing", "Agritech",
    "Cybersecurity", "Advertising", "Legal tech", "HR tech", "Mobility", "Payments",
};

static const char *const domain_aspects[] = {
    "", "regulation", "compliance", "analytics", "platforms", "operations", "startups",
    "enterprise", "marketplaces", "data", "products", "consulting",
};

static const char *const soft_skills[] = {
    "Leadership", "Mentoring", "Communication", "Stakeholder management", "Negotiation",
    "Hiring", "Public speaking", "Coaching", "Conflict resolution", "Facilitation",
    "Technical writing", "Prioritisation", "Teamwork", "Ownership", "Problem solving",
    "Customer focus", "Time management", "Presentation", "Cross-team collaboration",
    "Decision making",
};

static const char *const soft_aspects[] = {
    "", "in distributed teams", "across departments", "under pressure", "with executives",
    "for juniors", "in workshops", "in interviews", "in incidents", "with customers",
};

static const char *const preferences[] = {
    "Remote work", "Hybrid work", "Relocation", "Part-time", "Four-day week", "Contracting",
    "Permanent role", "Visa sponsorship", "Travel", "On-call", "Startup", "Large company",
};

static const char *const preference_aspects[] = {
    "", "preferred", "not wanted", "open to", "only in Europe", "within two years",
};

static const char *const verbs[] = {
    "Led", "Built", "Designed", "Migrated", "Automated", "Scaled", "Launched", "Optimised",
    "Maintained", "Introduced", "Refactored", "Delivered", "Managed", "Rebuilt", "Owned",
    "Shipped", "Modernised", "Coordinated", "Architected", "Mentored engineers on",
};

static const char *const objects[] = {
    "the payment platform", "a real-time data pipeline", "the CI/CD pipeline",
    "an internal developer portal", "the search service", "monitoring and alerting",
    "the checkout flow", "a recommendation engine", "the billing system", "customer onboarding",
    "the mobile app", "a fraud detection model", "the data warehouse", "the public API",
    "the identity service", "a reporting suite", "the logistics backend", "legacy batch jobs",
    "the design system", "an event-driven architecture",
};

/* A number goes between the two halves. */
static const struct {
    const char *before;
    const char *after;
} outcomes[] = {
    {"cutting costs by ", "%"},           {"reducing latency by ", "%"},
    {"serving ", " million users"},       {"raising conversion by ", "%"},
    {"halving incidents in ", " months"}, {"saving ", " engineer-hours a month"},
    {"shortening releases by ", "%"},     {"for ", " teams"},
};

static const char *const company_heads[] = {
    "Nordwind", "Bluepeak", "Brightline", "Cobalt", "Ironbark", "Lumen", "Meridian", "Northstar",
    "Oakridge", "Pinecrest", "Quantic", "Redwood", "Silverlake", "Tidewater", "Vantage",
    "Westfield", "Zenith", "Helix", "Aurora", "Kestrel",
};

static const char *const company_tails[] = {
    "Systems", "Labs", "Technologies", "Digital", "Analytics", "Software", "Networks",
    "Solutions", "Bank", "Health", "Logistics", "Media", "Energy", "Insurance", "Games",
};

static const char *const team_tails[] = {"Talent", "Recruiting", "Careers", "Partners",
                                         "Search", "Consulting", "People", "Staffing"};

static const char *const degrees[] = {
    "BSc Computer Science", "MSc Computer Science", "BSc Mathematics", "MSc Data Science",
    "BEng Software Engineering", "MSc Physics", "BA Economics", "PhD Computer Science",
    "MSc Information Systems", "BSc Electrical Engineering",
};

static const char *const universities[] = {
    "TU Munich", "University of Edinburgh", "ETH Zurich", "KTH Stockholm", "TU Delft",
    "University of Warsaw", "Sorbonne University", "University of Amsterdam", "TU Berlin",
    "University of Manchester", "Politecnico di Milano", "University of Lisbon",
};

/* The generator: a random stream and the skills' cumulative draw weights. */
struct pf_dev_gen {
    uint64_t state;                    /* splitmix64 */
    double cumulative[LEN(skills)];    /* rank^-1.3, normalised, summed */
};

struct pf_dev_gen *pf_dev_gen_new(uint64_t seed)
{
    struct pf_dev_gen *gen = pf_xcalloc(1, sizeof(*gen));
    gen->state = seed;
    double total = 0;
    for (size_t i = 0; i < LEN(skills); i++) {
        total += pow((double)(i + 1), -1.3);
        gen->cumulative[i] = total;
    }
    for (size_t i = 0; i < LEN(skills); i++)
        gen->cumulative[i] /= total;
    return gen;
}

void pf_dev_gen_free(struct pf_dev_gen *gen)
{
    free(gen);
}

uint64_t pf_dev_next(struct pf_dev_gen *gen)
{
    uint64_t z = (gen->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

size_t pf_dev_below(struct pf_dev_gen *gen, size_t n)
{
    return (size_t)(pf_dev_next(gen) % n);
}

double pf_dev_unit(struct pf_dev_gen *gen)
{
    return (double)(pf_dev_next(gen) >> 11) / 9007199254740992.0;
}

#define PICK(gen, list) ((list)[pf_dev_below((gen), LEN(list))])

/* A skill drawn by its weight (inverting the cumulative weights). */
static const char *skill(struct pf_dev_gen *gen)
{
    double u = pf_dev_unit(gen);
    size_t lo = 0;
    size_t hi = LEN(skills) - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (gen->cumulative[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return skills[lo];
}

char *pf_dev_person_name(struct pf_dev_gen *gen, struct pf_arena *arena)
{
    return pf_arena_printf(arena, "%s %s", PICK(gen, first_names), PICK(gen, last_names));
}

char *pf_dev_team_name(struct pf_dev_gen *gen, struct pf_arena *arena)
{
    return pf_arena_printf(arena, "%s %s", PICK(gen, company_heads), PICK(gen, team_tails));
}

static char *job_title(struct pf_dev_gen *gen, struct pf_arena *arena)
{
    const char *seniority = PICK(gen, seniorities);
    return pf_arena_printf(arena, "%s%s%s", seniority, *seniority ? " " : "", PICK(gen, titles));
}

static void sentence(struct pf_dev_gen *gen, struct pf_buf *out)
{
    size_t outcome = pf_dev_below(gen, LEN(outcomes));
    pf_buf_printf(out, "%s %s using %s and %s, %s%d%s.", PICK(gen, verbs),
                  PICK(gen, objects), skill(gen), skill(gen), outcomes[outcome].before,
                  2 + (int)pf_dev_below(gen, 60), outcomes[outcome].after);
}

static char *sentence_text(struct pf_dev_gen *gen, struct pf_arena *arena)
{
    struct pf_buf buf = PF_BUF_INIT(4096);
    sentence(gen, &buf);
    char *text = pf_arena_strdup(arena, pf_buf_cstr(&buf));
    pf_buf_fini(&buf);
    return text;
}

static char *summary_text(struct pf_dev_gen *gen, struct pf_arena *arena, const char *title)
{
    return pf_arena_printf(arena,
                           "%s with %d years of experience in %s, %s and %s. Based in %s,"
                           " working in %s.",
                           title, 2 + (int)pf_dev_below(gen, 20), skill(gen), skill(gen),
                           skill(gen), PICK(gen, cities), PICK(gen, domains));
}

void pf_dev_cv(struct pf_dev_gen *gen, struct pf_arena *arena, struct pf_dev_cv *out)
{
    struct pf_buf text = PF_BUF_INIT((size_t)1 << 20);
    out->name = pf_dev_person_name(gen, arena);
    out->label = job_title(gen, arena);
    const char *city = PICK(gen, cities);
    char *email = pf_arena_printf(arena, "%c.%s@example.net", out->name[0],
                                  strchr(out->name, ' ') + 1);
    char *summary = summary_text(gen, arena, out->label);
    pf_buf_printf(&text, "%s\n%s\n%s · %s · +49 30 %06d\n\nSUMMARY\n%s\n\nEXPERIENCE\n",
                  out->name, out->label, city, email, (int)pf_dev_below(gen, 1000000), summary);
    json_t *work = json_array();
    int year = 2025;
    int jobs = 2 + (int)pf_dev_below(gen, 4);
    for (int j = 0; j < jobs; j++) {
        int start = year - 1 - (int)pf_dev_below(gen, 5);
        char *company = pf_arena_printf(arena, "%s %s", PICK(gen, company_heads),
                                        PICK(gen, company_tails));
        char *position = job_title(gen, arena);
        const char *job_city = PICK(gen, cities);
        pf_buf_printf(&text, "%s — %s, %s (%d–%s)\n", position, company, job_city, start,
                      j == 0 ? "Present" : pf_arena_printf(arena, "%d", year));
        json_t *highlights = json_array();
        int bullets = 2 + (int)pf_dev_below(gen, 4);
        for (int b = 0; b < bullets; b++) {
            char *line = sentence_text(gen, arena);
            pf_buf_printf(&text, "- %s\n", line);
            json_array_append_new(highlights, json_string(line));
        }
        pf_buf_putc(&text, '\n');
        json_array_append_new(
            work, json_pack("{s:s,s:s,s:s,s:s,s:o}", "name", company, "position", position,
                            "startDate", pf_arena_printf(arena, "%d-01", start), "endDate",
                            j == 0 ? "" : pf_arena_printf(arena, "%d-12", year), "highlights",
                            highlights));
        year = start;
    }
    const char *degree = PICK(gen, degrees);
    const char *university = PICK(gen, universities);
    pf_buf_printf(&text, "EDUCATION\n%s, %s (%d)\n\nSKILLS\n", degree, university, year - 1);
    json_t *skill_list = json_array();
    int count = 6 + (int)pf_dev_below(gen, 10);
    for (int s = 0; s < count; s++) {
        const char *name = skill(gen);
        pf_buf_printf(&text, "%s%s", s ? ", " : "", name);
        json_array_append_new(skill_list, json_pack("{s:s}", "name", name));
    }
    pf_buf_putc(&text, '\n');
    out->raw_text = pf_arena_strdup(arena, pf_buf_cstr(&text));
    pf_buf_fini(&text);
    out->parsed_json = pf_json_arena(
        arena, json_pack("{s:{s:s,s:s,s:s,s:s,s:{s:s}},s:o,s:[{s:s,s:s}],s:o}", "basics",
                         "name", out->name, "label", out->label, "email", email, "summary",
                         summary, "location", "city", city, "work", work, "education",
                         "institution", university, "studyType", degree, "skills",
                         skill_list));
}

void pf_dev_persona(struct pf_dev_gen *gen, struct pf_arena *arena, struct pf_dev_persona *out)
{
    out->title = job_title(gen, arena);
    if (pf_dev_below(gen, 3) == 0)
        out->title = pf_arena_printf(arena, "%s — %s", out->title, PICK(gen, domains));
    out->summary = summary_text(gen, arena, out->title);
    json_t *tags = json_array();
    int count = 1 + (int)pf_dev_below(gen, 3);
    for (int i = 0; i < count; i++) {
        char *tag = pf_arena_strdup(arena, skill(gen));
        for (char *p = tag; *p; p++)
            *p = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
        json_array_append_new(tags, json_string(tag));
    }
    out->tags = pf_json_arena(arena, tags);
    json_t *highlights = json_array();
    int bullets = 1 + (int)pf_dev_below(gen, 3);
    for (int b = 0; b < bullets; b++)
        json_array_append_new(highlights, json_string(sentence_text(gen, arena)));
    out->data = pf_json_arena(
        arena, json_pack("{s:{s:s},s:[{s:o}]}", "basics", "label", out->title, "work",
                         "highlights", highlights));
}

struct kb_space {
    const char *type;
    const char *const *bases;
    size_t base_count;
    const char *const *aspects;
    size_t aspect_count;
};

static const struct kb_space kb_spaces[PF_DEV_KB_TYPES] = {
    {"skill", skills, LEN(skills), skill_aspects, LEN(skill_aspects)},
    {"tool", tools, LEN(tools), tool_aspects, LEN(tool_aspects)},
    {"domain", domains, LEN(domains), domain_aspects, LEN(domain_aspects)},
    {"soft_skill", soft_skills, LEN(soft_skills), soft_aspects, LEN(soft_aspects)},
    {"preference", preferences, LEN(preferences), preference_aspects, LEN(preference_aspects)},
};

const char *pf_dev_kb_type(int type)
{
    return kb_spaces[type].type;
}

size_t pf_dev_kb_space(int type)
{
    return kb_spaces[type].base_count * kb_spaces[type].aspect_count;
}

char *pf_dev_kb_value(int type, size_t index, struct pf_arena *arena, char **out_normalized)
{
    const struct kb_space *space = &kb_spaces[type];
    /* Index order: every base without an aspect first, so small workspaces get plain values. */
    const char *base = space->bases[index % space->base_count];
    const char *aspect = space->aspects[(index / space->base_count) % space->aspect_count];
    char *value = pf_arena_printf(arena, "%s%s%s", base, *aspect ? " " : "", aspect);
    char *normalized = pf_arena_strdup(arena, value);
    for (char *p = normalized; *p; p++)
        *p = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
    *out_normalized = normalized;
    return value;
}

char *pf_dev_kb_evidence(struct pf_dev_gen *gen, struct pf_arena *arena, const char *value)
{
    return pf_arena_printf(arena, "%s %s with %s at %s %s.", PICK(gen, verbs),
                           PICK(gen, objects), value, PICK(gen, company_heads),
                           PICK(gen, company_tails));
}
