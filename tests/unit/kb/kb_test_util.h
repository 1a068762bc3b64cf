/* Shared by the kb unit tests: a small fixed taxonomy, so matcher tests do not depend on data. */
#ifndef PF_TESTS_KB_TEST_UTIL_H
#define PF_TESTS_KB_TEST_UTIL_H

#include "base/embed.h"
#include "kb/kb.h"

static const char kb_test_concepts[] =
    "# name\tcategory\tgroup\taliases\timplies\tflags\n"
    "Go\tskill\tlanguage\tgolang|Go programming\t\tcased\n"
    "C\tskill\tlanguage\t\t\tcontext\n"
    "C++\tskill\tlanguage\tcpp\n"
    "R\tskill\tlanguage\tR programming\t\tcontext\n"
    "Python\tskill\tlanguage\tpy3\n"
    "JavaScript\tskill\tlanguage\tJS\n"
    "Java\tskill\tlanguage\n"
    "React\ttool\tframework\tReactJS\tJavaScript\tcased\n"
    "Redux\ttool\tframework\t\tReact\n"
    "Microsoft Excel\ttool\toffice\tMS Excel|~Excel\n"
    "Spring Framework\ttool\tframework\t~Spring\tJava\n"
    "Spring Boot\ttool\tframework\t\tSpring Framework\n"
    "Google Cloud\ttool\tcloud\tGCP\n"
    "Google Cloud Platform\ttool\tcloud\n"
    "Node.js\ttool\truntime\tNodeJS\tJavaScript\n"
    "SAS\tskill\tlanguage\t=SAS\t\tnomatch\n"
    "Café Society\tdomain\ttest\n"
    "Power BI\ttool\tbi\tPowerBI\n"
    "Kubernetes\ttool\tcontainers\tk8s\tContainers\n"
    "Containers\tskill\tdevops\n"
    "Leadership\tsoft_skill\tpeople\n";

static const char kb_test_rules[] =
    "Go\tprev\tto|let|lets\treject\n"
    "Go\tnext\tprogramming|services\taccept\n"
    "Microsoft Excel\tnext\tat|in\treject\n"
    "React\tnext\tto\treject\n"
    "Spring Framework\tnext\t<year>|semester\treject\n"
    "R\tnext\t&\treject\n";

static const char kb_test_soft[] = "Leadership\tled\tteam|engineers\t4\t70\n";

static inline struct pf_kb *kb_test_small(void)
{
    struct pf_embedded_file files[] = {
        {"t/concepts.tsv", kb_test_concepts, sizeof(kb_test_concepts) - 1},
        {"t/context_rules.tsv", kb_test_rules, sizeof(kb_test_rules) - 1},
        {"t/soft_skill_rules.tsv", kb_test_soft, sizeof(kb_test_soft) - 1},
        {0, 0, 0},
    };
    struct pf_kb *kb = NULL;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_kb_new_from_files(files, 3, &kb, &err) != PF_OK)
        return NULL;
    return kb;
}

#endif
