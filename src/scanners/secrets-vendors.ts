// More vendor formats that announce themselves with a documented prefix (the prefixes and body
// shapes are those published by the vendors and collected by gitleaks, MIT). Each rule reads only
// its body alphabet, checks the length and, where the format fixes it, the structure.
import { type Handler, type Hit, type TokenSpec, token } from './secrets-rules.js';
import { ALNUM, DIGIT, entropy, HEX, IDENT, isFillerBody, LOWER, notIn, PAD, runEnd, shape, UPPER, URL64 } from './secrets-util.js';

const AN = ALNUM;
const AN_ = ALNUM | URL64;
const lowerHex = (b: string): boolean => /^[0-9a-f]+$/.test(b);

type Spec = Omit<TokenSpec, 'rule' | 'type' | 'family' | 'score'> & { score?: number };

/** A vendor's token spec with its rule id, type and family named once. */
function vendor(rule: string, type: string, family: string, spec: Spec): Handler {
  return token({ rule, type, family, score: 0.9, minEntropy: 3, ...spec });
}

/** Every character class present (digits, upper and lower case): a random body, not a word. */
function mixed(b: string): boolean {
  const sh = shape(b);
  return sh.digits > 0 && sh.upper > 0 && sh.lower > 0;
}

/** `<prefix><n1 alphabet>.<n2 alphabet>`: two parts with a dot between (Airtable, Dynatrace). */
function dotted(rule: string, type: string, family: string, a: [number, number], b: [number, number], bodyB: number): Handler {
  return (text, at, anchor) => {
    if (!notIn(text, at - 1, AN)) return undefined;
    const from = at + anchor.length;
    const e1 = runEnd(text, from, AN, a[1] + 1);
    if (e1 - from !== a[0] || text[e1] !== '.') return undefined;
    const e2 = runEnd(text, e1 + 1, bodyB, b[1] + 1);
    if (e2 - e1 - 1 < b[0] || e2 - e1 - 1 > b[1] || !notIn(text, e2, AN_)) return undefined;
    const value = text.slice(at, e2);
    if (entropy(value.slice(anchor.length)) < 3.5 || isFillerBody(value.slice(anchor.length))) return undefined;
    return { rule, type, family, start: at, end: e2, score: 0.95, value } satisfies Hit;
  };
}

/** Doppler service tokens may name their environment: `dp.st.<env>.<40>` or `dp.st.<40>`. */
const dopplerService: Handler = (text, at, anchor) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  let from = at + anchor.length;
  const env = runEnd(text, from, LOWER | DIGIT | URL64, 36);
  if (text[env] === '.' && env - from >= 2) from = env + 1;
  const end = runEnd(text, from, AN, 41);
  if (end - from !== 40 || !notIn(text, end, AN_) || entropy(text.slice(from, end)) < 3.5) return undefined;
  return { rule: 'doppler-token', type: 'doppler_token', family: 'doppler', start: at, end, score: 0.95, value: text.slice(at, end) };
};

/** Mapbox secret tokens: `sk.` + a base64url JSON payload + `.` + a 22-character signature. */
const mapboxSecret: Handler = (text, at) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const p0 = at + 3;
  const p1 = runEnd(text, p0, AN_, 400);
  if (p1 - p0 < 40 || text[p1] !== '.') return undefined;
  const end = runEnd(text, p1 + 1, AN_, 40);
  if (end - p1 - 1 < 20 || end - p1 - 1 > 32) return undefined;
  return { rule: 'mapbox-secret-token', type: 'mapbox_token', family: 'mapbox', start: at, end, score: 0.95, value: text.slice(at, end) };
};

/** Plaid access tokens: `access-<environment>-` + a UUID. */
const plaid: Handler = (text, at, anchor) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const from = at + anchor.length;
  const end = runEnd(text, from, HEX | URL64, 37);
  const id = text.slice(from, end);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) || entropy(id) < 3) return undefined;
  return { rule: 'plaid-access-token', type: 'plaid_token', family: 'plaid', start: at, end, score: 0.9, value: text.slice(at, end) };
};

/**
 * Asana personal access tokens: `1/<user gid>:<32 hex>` and `2/<user gid>/<app gid>:<32 hex>`
 * (gids are 6 to 20 digits). Dates and paths that start the same never end in `:` and 32 hex digits.
 */
const asana: Handler = (text, at, anchor) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const gid = (from: number): number => {
    const e = runEnd(text, from, DIGIT, 21);
    return e - from >= 6 && e - from <= 20 ? e : -1;
  };
  let e = gid(at + 2);
  if (e !== -1 && anchor === '2/') e = text[e] === '/' ? gid(e + 1) : -1;
  if (e === -1 || text[e] !== ':') return undefined;
  const end = runEnd(text, e + 1, HEX, 33);
  const secret = text.slice(e + 1, end);
  if (secret.length !== 32 || !notIn(text, end, AN_) || !lowerHex(secret) || entropy(secret) < 3 || isFillerBody(secret)) return undefined;
  return { rule: 'asana-pat', type: 'asana_token', family: 'asana', start: at, end, score: 0.9, value: text.slice(at, end) };
};

const doppler = (spec: Spec) => vendor('doppler-token', 'doppler_token', 'doppler', spec);
const planetscale = vendor('planetscale-token', 'planetscale_token', 'planetscale', { body: AN_, min: 32, max: 64, minEntropy: 3.5 });
const sonar = vendor('sonarqube-token', 'sonarqube_token', 'sonarqube', { body: HEX, min: 40, max: 40, check: lowerHex });
const duffel = vendor('duffel-api-token', 'duffel_token', 'duffel', { body: AN_ | PAD, min: 43, max: 43, minEntropy: 3.5 });
const easypost = vendor('easypost-api-token', 'easypost_token', 'easypost', { body: AN, min: 54, max: 54, minEntropy: 3.5 });
const flutterwave = vendor('flutterwave-secret-key', 'flutterwave_key', 'flutterwave', {
  body: AN_,
  min: 34,
  max: 34,
  check: (b) => /^[a-hA-H0-9]{32}-X$/.test(b),
});
const shippo = vendor('shippo-api-token', 'shippo_token', 'shippo', { body: HEX, min: 40, max: 40, check: lowerHex });
const settlemint = vendor('settlemint-token', 'settlemint_token', 'settlemint', { body: AN, min: 16, max: 16, minEntropy: 3.2 });
const langsmith = vendor('langsmith-api-key', 'langsmith_key', 'langsmith', {
  body: AN_,
  min: 43,
  max: 43,
  check: (b) => /^[0-9a-f]{32}_[0-9a-f]{10}$/.test(b),
});
const brevo = vendor('brevo-api-key', 'brevo_key', 'brevo', {
  body: AN_,
  min: 81,
  max: 81,
  check: (b) => /^[0-9a-f]{64}-[A-Za-z0-9]{16}$/.test(b),
});
const newRelic = (min: number, max: number) =>
  vendor('new-relic-key', 'new_relic_key', 'newrelic', { body: AN_, min, max, minEntropy: 3.5 });

/** Anchor → rule for the formats above. */
export const VENDOR_RULES = new Map<string, Handler>([
  // Supabase personal access tokens: sbp_ and 40 lower-case hex digits.
  ['sbp_', vendor('supabase-token', 'supabase_token', 'supabase', { body: HEX, min: 40, max: 40, check: lowerHex })],
  ['dp.pt.', doppler({ body: AN, min: 43, max: 43 })],
  ['dp.ct.', doppler({ body: AN, min: 40, max: 44 })],
  ['dp.sa.', doppler({ body: AN, min: 40, max: 44 })],
  ['dp.scim.', doppler({ body: AN, min: 40, max: 44 })],
  ['dp.audit.', doppler({ body: AN, min: 40, max: 44 })],
  ['dp.st.', dopplerService],
  // Okta API tokens travel in the `Authorization: SSWS <token>` scheme: "00" and 40 more characters.
  [
    'SSWS ',
    vendor('okta-api-token', 'okta_token', 'okta', { body: AN_, min: 42, max: 42, minEntropy: 3.5, check: (b) => b.startsWith('00') }),
  ],
  ['sl.', vendor('dropbox-access-token', 'dropbox_token', 'dropbox', { body: AN_ | PAD | IDENT, min: 130, max: 1400, minEntropy: 4 })],
  ['duffel_test_', duffel],
  ['duffel_live_', duffel],
  ['EZAK', easypost],
  ['EZTK', easypost],
  ['FLWSECK-', flutterwave],
  ['FLWSECK_TEST-', flutterwave],
  ['fio-u-', vendor('frameio-api-token', 'frameio_token', 'frameio', { body: AN_ | PAD, min: 64, max: 64, minEntropy: 3.5 })],
  ['sk.eyJ', mapboxSecret],
  ['NRAK-', newRelic(27, 27)],
  ['NRII-', newRelic(32, 32)],
  ['pscale_tkn_', planetscale],
  ['pscale_pw_', planetscale],
  ['pscale_oauth_', planetscale],
  ['xkeysib-', brevo],
  ['xsmtpsib-', brevo],
  ['shippo_live_', shippo],
  ['shippo_test_', shippo],
  [
    'tfp_',
    vendor('typeform-api-token', 'typeform_token', 'typeform', { body: AN_ | PAD, min: 40, max: 72, minEntropy: 3.5, check: mixed }),
  ],
  ['whsec_', vendor('stripe-webhook-secret', 'stripe_key', 'stripe', { body: AN, min: 32, max: 64, minEntropy: 3.5 })],
  ['pat', dotted('airtable-pat', 'airtable_token', 'airtable', [14, 14], [64, 64], HEX)],
  ['dt0c01.', dotted('dynatrace-api-token', 'dynatrace_token', 'dynatrace', [24, 24], [64, 64], UPPER | DIGIT)],
  ['LTAI', vendor('alibaba-access-key-id', 'alibaba_access_key', 'alibaba', { body: AN, min: 12, max: 20, minEntropy: 3, check: mixed })],
  // Tencent Cloud SecretId (its SecretKey is read by name, like AWS's secret key)
  ['AKID', vendor('tencent-secret-id', 'tencent_secret_id', 'tencent', { body: AN, min: 32, max: 36, minEntropy: 3.5, check: mixed })],
  ['secret_', vendor('notion-token', 'notion_token', 'notion', { body: AN, min: 43, max: 43, minEntropy: 4, check: mixed })],
  ['squ_', sonar],
  ['sqp_', sonar],
  ['sqa_', sonar],
  ['p8e-', vendor('adobe-client-secret', 'adobe_secret', 'adobe', { body: AN, min: 32, max: 32, minEntropy: 3.5 })],
  ['dnkey-', vendor('defined-networking-key', 'defined_networking_key', 'definednetworking', { body: AN_ | PAD, min: 79, max: 79 })],
  ['sm_pat_', settlemint],
  ['sm_aat_', settlemint],
  ['sm_sat_', settlemint],
  ['AQVN', vendor('yandex-api-key', 'yandex_key', 'yandex', { body: AN_, min: 35, max: 38, minEntropy: 3.5 })],
  ['access-sandbox-', plaid],
  ['access-development-', plaid],
  ['access-production-', plaid],
  ['lsv2_pt_', langsmith],
  ['lsv2_sk_', langsmith],
  ['1/', asana],
  ['2/', asana],
  ['tvly-', vendor('tavily-api-key', 'tavily_key', 'tavily', { body: AN_, min: 32, max: 44, minEntropy: 3.5, check: mixed })],
]);
