// Values that only their label identifies as a person's: a phone's IMEI and a login name. Each
// recognizer runs as a trigger at its label (see TRIGGERS in pii-text.ts) and reads the value right
// after it; neither value is looked for without its label (a bare 15-digit Luhn number is as often
// a card, an order or a parcel number as an IMEI, and a bare word is a word).

import { cls, DIGIT, type Hit, isWordAt, LOWER, negated, UPPER } from './pii-core.js';
import { valueStart } from './pii-finance.js';
import { luhn } from './pii-validators.js';

const ALPHA = UPPER | LOWER;
const ALNUM = DIGIT | UPPER | LOWER;

/**
 * "IMEI 490154203237518", "IMEI number: 49-015420-323751-8", "IMEI 2: 35 209900 176148 1": fifteen
 * digits passing Luhn, in one group or the printed 2-6-6-1 (or 8-6-1) grouping, after the label.
 */
export function imeiTrigger(text: string, at: number, out: Hit[]): void {
  const after = at + 4;
  // "IMEIs", "IMEISV" (16 digits, no check digit): the label must end its word.
  if ((cls(text, after) & ALNUM) !== 0 || (at > 0 && (cls(text, at - 1) & ALNUM) !== 0)) return;
  let j = valueStart(text, after);
  if (j < 0) return;
  // A dual-SIM phone's slot: "IMEI 1: …", "IMEI (2) …".
  const slot = text.charCodeAt(j);
  if ((slot === 49 || slot === 50) && cls(text, j + 1) !== DIGIT) {
    const c = text.charCodeAt(j + 1);
    if (c !== 58 && c !== 41) return;
    j = valueStart(text, j + 2);
    if (j < 0) return;
  }
  // Groups of digits separated by one space or dash (the same throughout).
  let e = j;
  let sep = 0;
  let shape = 0;
  let digits = '';
  for (let g = 0; g < 4; g++) {
    const s = e;
    while (e < text.length && e - s < 16 && cls(text, e) === DIGIT) e++;
    digits += text.slice(s, e);
    shape = shape * 32 + (e - s);
    const c = text.charCodeAt(e);
    if ((c !== 32 && c !== 45) || cls(text, e + 1) !== DIGIT || (sep !== 0 && c !== sep)) break;
    sep = c;
    e++;
  }
  if (cls(text, e) === DIGIT || isWordAt(text, e)) return;
  // 15; 2-6-6-1 (reporting body, type, serial, check digit); 8-6-1 (TAC, serial, check digit).
  if (shape !== 15 && shape !== ((2 * 32 + 6) * 32 + 6) * 32 + 1 && shape !== (8 * 32 + 6) * 32 + 1) return;
  if (!luhn(digits) || sameDigits(digits) || negated(text, at)) return;
  // Above a card reading of the same digits (a UATP number is 15 digits with Luhn too): the label names it.
  out.push({ type: 'device_id', start: j, end: e, score: 0.96, rule: 'imei' });
}

function sameDigits(d: string): boolean {
  for (let i = 1; i < d.length; i++) if (d.charCodeAt(i) !== d.charCodeAt(0)) return false;
  return true;
}

/** Labels of a login name, lower case (compared with ASCII letters case-folded). */
export const USERNAME_LABELS: readonly string[] = [
  'username',
  'user name',
  'user_name',
  'user-name',
  'userid',
  'user id',
  'user_id',
  'user-id',
  'login',
  'login name',
  'login id',
  'handle',
  'benutzername',
  'benutzerkennung',
  "nom d'utilisateur",
  'nom d’utilisateur',
  'nombre de usuario',
  'nome utente',
  'nome de usuário',
  'gebruikersnaam',
];

// Values after a login label that are not anyone's login: built-in and service accounts, types of a
// schema or signature, placeholders, and the words that follow such a label in prose ("the username
// is required").
const NOT_USERNAME: ReadonlySet<string> = new Set(
  (
    'admin administrator root user users username usernames userid login test tester testing guest string str text varchar char ' +
    'int integer number bool boolean any object optional required null none nil undefined true false example sample demo default ' +
    'anonymous anon nobody unknown name password pass passwd value values empty blank here there the a an your yours my mine his her ' +
    'their this that same different valid invalid incorrect wrong missing taken available unavailable unique mandatory case-sensitive ' +
    'correct also already not too set shown displayed stored used needed failed successful success failure error ok denied page button ' +
    'form screen field prompt input email e-mail id postgres mysql ubuntu ec2-user git sa system service support info owner operator ' +
    'superuser sysadmin webmaster postmaster changeme foo bar baz xxx tbd todo na'
  ).split(' '),
);
// Parts of a placeholder or default value: "your_username", "defaultUser", "john.example", "xxxx", "placeholder".
const PLACEHOLDER_PARTS = ['username', 'your', 'example', 'xxx', 'placeholder', 'default', 'changeme'];
// Objects whose dotted members are code ("username: process.env.DB_USER", "login = req.body.login").
const CODE_OBJECTS: ReadonlySet<string> = new Set(
  'process env os self this req request res config settings args params props data ctx form input body session options opts user auth'.split(
    ' ',
  ),
);
// Words before "handle" that make it a person's ("my handle", "Twitter handle"): a file or window handle is code.
const HANDLE_OWNERS: ReadonlySet<string> = new Set(
  'my your his her their our twitter instagram tiktok github gitlab telegram discord reddit x social slack irc'.split(' '),
);

/** The word right before `at` (one space between) is one of `words`, compared case-folded. */
function wordBefore(text: string, at: number, words: ReadonlySet<string>): boolean {
  if (text.charCodeAt(at - 1) !== 32) return false;
  let b = at - 1;
  while (b > 0 && at - 1 - b < 12 && (cls(text, b - 1) & ALPHA) !== 0) b--;
  return words.has(text.slice(b, at - 1).toLowerCase());
}

// Verbs after a label in prose: "username is jdoe42", "Benutzername lautet jdoe".
const COPULAS: ReadonlySet<string> = new Set(['is', 'was', 'ist', 'lautet', 'est', 'es', 'è', 'é', 'era']);

/** The closing quote of the opening quote `c` (', ", `, “, ‘), or -1 when `c` opens no quotation. */
function closingQuote(c: number): number {
  if (c === 39 || c === 34 || c === 96) return c;
  if (c === 0x201c) return 0x201d;
  return c === 0x2018 ? 0x2019 : -1;
}

function isUserCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 45;
}

/** End of the word of ASCII letters at i. */
function lettersEnd(text: string, i: number): number {
  let e = i;
  while (e < text.length && e - i < 12 && (cls(text, e) & ALPHA) !== 0) e++;
  return e;
}

/**
 * "username: jdoe42", "Login=m.garcia", "\"userName\": \"k_tanaka\"", "Benutzername lautet jdoe": the
 * login name (3-32 letters, digits, '.', '_', '-') right after a label and a colon, an equals sign or
 * a verb; or right after the label alone when it looks like a handle ("for username blue.falcon.77",
 * "my handle @dev_guru42"). Not a built-in account, a schema type, a placeholder or a code expression.
 */
export function usernameTrigger(text: string, at: number, label: string, out: Hit[]): void {
  const after = at + label.length;
  // "usernames", "loginForm", "relogin": the label is a word of its own; "DB_LOGIN", "spring.datasource.username",
  // "${username:…}": a constant, a setting's path or a template variable, whose value is a service account or a default.
  if ((cls(text, after) & ALNUM) !== 0 || (at > 0 && (cls(text, at - 1) & ALNUM) !== 0)) return;
  const b = text.charCodeAt(at - 1);
  if (b === 95 || b === 46 || b === 45 || b === 36 || b === 123 || b === 37) return;
  let j = after;
  // A JSON or YAML key's closing quote: "username": "…".
  if (text.charCodeAt(j) === 34 || text.charCodeAt(j) === 39) j++;
  while (j - after < 4 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  const c = text.charCodeAt(j);
  let strong = false;
  // No colon, quote or verb: "for username blue.falcon.77", "login id jsmith99", "handle @dev_guru42".
  let bare = false;
  if (c === 58 || c === 61 || c === 0xff1a) {
    strong = true;
    j++;
  } else if (closingQuote(c) >= 0 && j > after) {
    // A quoted value right after the label: "UserID 'k_tanaka'".
    strong = true;
  } else {
    const we = lettersEnd(text, j);
    if (we !== j && COPULAS.has(text.slice(j, we).toLowerCase()) && text.charCodeAt(we) === 32) j = we;
    else if (j > after && j - after <= 2) bare = true;
    else return;
  }
  while (j - after < 12 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  const quote = closingQuote(text.charCodeAt(j));
  if (quote >= 0) j++;
  // A handle: "@jdoe".
  if (text.charCodeAt(j) === 64) j++;
  let e = j;
  while (e < text.length && e - j <= 32 && isUserCode(text.charCodeAt(e))) e++;
  if (e - j > 32) return;
  // Sentence punctuation after the value is not part of it.
  while (e > j && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
  if (e - j < 3 || (cls(text, j) & ALNUM) === 0) return;
  const next = text.charCodeAt(e);
  // An email's local part, a call, an index, a path, a template, another word glued (non-ASCII letters).
  // ('=' and '+': base64, as in a Kubernetes secret's data.)
  if (next === 64 || next === 40 || next === 91 || next === 47 || next === 92 || next === 123 || next === 36 || next === 61 || next === 43)
    return;
  if (isWordAt(text, e)) return;
  if (quote >= 0 && next !== quote) return;
  const value = text.slice(j, e);
  if (!plausibleUsername(value, strong || quote >= 0) || negated(text, at)) return;
  const handle = text.charCodeAt(j - 1) === 64;
  // A bare value is a handle only when it looks like one: a letter first, three letters or more, and a
  // digit, '.', '_' or '-' ("jsmith99", "blue.falcon.77"; not "2fa", "v2.3" nor a plain word).
  if (bare && !handle && (cls(value, 0) & ALPHA) === 0) return;
  if (bare && letterCount(value) < 3) return;
  if (label === 'handle' && !handle && !wordBefore(text, at, HANDLE_OWNERS)) return;
  // A Capitalised word that goes on with another word is prose: "Username: Enter your name", "Last login: Tue Mar 5".
  if (quote < 0 && next === 32 && (cls(text, e + 1) & ALPHA) !== 0 && titleWord(value)) return;
  out.push({ type: 'username', start: j, end: e, score: bare ? 0.65 : 0.7, rule: bare ? 'label.username.bare' : 'label.username' });
}

function letterCount(v: string): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) if ((cls(v, i) & ALPHA) !== 0) n++;
  return n;
}

/** An upper-case letter and lower-case letters only ("Enter", "Tue"). */
function titleWord(v: string): boolean {
  if (cls(v, 0) !== UPPER) return false;
  for (let i = 1; i < v.length; i++) if (cls(v, i) !== LOWER) return false;
  return true;
}

function plausibleUsername(value: string, strong: boolean): boolean {
  const lower = value.toLowerCase();
  if (NOT_USERNAME.has(lower)) return false;
  let letters = 0;
  let lowers = 0;
  let marks = 0;
  let same = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lowers++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else marks++;
    if (c !== value.charCodeAt(0)) same = false;
  }
  if (letters === 0 || same) return false;
  // Placeholders: "your_username", "<user>" (stopped at '<' above), "USERNAME_HERE", "DB_USER" (a constant's name).
  for (const w of PLACEHOLDER_PARTS) if (lower.includes(w)) return false;
  if (lowers === 0 && value.includes('_')) return false;
  const dot = value.indexOf('.');
  if (dot > 0 && CODE_OBJECTS.has(lower.slice(0, dot))) return false;
  // After "is"/"was" a bare word is prose ("the login was slow"): only a handle-like value (a digit, '.', '_' or '-').
  return strong || marks > 0;
}
