// The job posting last pasted on a persona's pages, kept in memory so tailoring and gap reports
// can share it within one visit (never stored).
export const posting = {text: ''};
