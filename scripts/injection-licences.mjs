// Which injection training rows may feed what ships (weights, word lists): the one definition,
// used by train-injection.mjs and build-gloss.mjs.

// Licences that permit shipping what is derived from the rows.
export const SHIPPABLE = ['MIT', 'Apache-2.0', 'CC0', 'CC-BY', 'ODC-BY'];
// Rows whose licence field starts permissively but says the text itself inherits other licences.
export const EXCLUDED_CATEGORIES = {
  benign_t0_templated_task: 'self-instruct T0/P3 rows inherit the licences of the underlying NLP datasets (not all permit shipping)',
};

/** The row's shippable licence, or null. */
export function licenceOf(row) {
  const l = String(row.licence ?? '');
  if (/no LICENSE|research/i.test(l)) return null;
  // Where the field names both a repository's licence and the data's, the data's counts
  // ("PIGuard repo MIT; WildGuardTest is ODC-BY").
  if (l.includes('ODC-BY')) return 'ODC-BY';
  const hit = SHIPPABLE.find((p) => l.startsWith(p) && !l.startsWith(`${p}-NC`) && !l.startsWith(`${p}-ND`));
  return hit ?? null;
}

/** Why the row may not be used for what ships, or null when it may. */
export function exclusionOf(row) {
  return licenceOf(row) === null
    ? `licence not shippable: ${String(row.licence).slice(0, 60)}`
    : (EXCLUDED_CATEGORIES[row.category] ?? null);
}
