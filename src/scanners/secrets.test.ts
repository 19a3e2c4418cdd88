import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { newKeyId, newSecret } from '../identity/keys.js';
import { createSecretsScanner } from './secrets.js';
import { base62, crc32 } from './secrets-util.js';

// Fake credentials are generated here with the right structure (and checksums where a format has
// one), from a seeded generator so failures reproduce. None of them is, or was, a real credential.
let seed = 12345;
function rand(n: number): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
}
const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LO = 'abcdefghijklmnopqrstuvwxyz';
const DG = '0123456789';
const AN = UP + LO + DG;
function pick(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[rand(alphabet.length)];
  return s;
}
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

const scanner = createSecretsScanner();
function top(text: string) {
  const r = scanner.scan(text);
  return { r, f: [...r.findings].sort((a, b) => b.score - a.score)[0] };
}
function assertFlagged(text: string, type: string, label?: string) {
  const { r, f } = top(text);
  assert.ok(r.flagged, `expected a flagged ${type} in ${JSON.stringify(text.slice(0, 120))}, got ${JSON.stringify(r.findings)}`);
  assert.equal(f?.type, type);
  if (label) assert.equal(f?.label, label);
  assert.equal(f?.category, 'secret');
}
function assertClean(text: string) {
  const r = scanner.scan(text);
  assert.equal(r.flagged, false, `expected nothing flagged in ${JSON.stringify(text.slice(0, 160))}, got ${JSON.stringify(r.findings)}`);
}

function githubToken(prefix: string, valid = true): string {
  const body = pick(AN, 30);
  const check = base62(crc32(body), 6);
  return `${prefix}${body}${valid ? check : check.split('').reverse().join('')}`;
}
function pemKey(label = 'RSA PRIVATE KEY', lines = 8): string {
  const body = Array.from({ length: lines }, () => pick(`${AN}+/`, 64)).join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}
function jwt(header: object = { alg: 'HS256', typ: 'JWT' }, payload: object = { sub: '1234567890', iat: 1516239022 }): string {
  return `${b64url(header)}.${b64url(payload)}.${pick(`${AN}-_`, 43)}`;
}

describe('secrets: contract', () => {
  it('declares its name, threshold and a bounded recognition window', () => {
    assert.equal(scanner.name, 'secrets');
    assert.equal(scanner.threshold, 0.5);
    assert.ok(scanner.maxFindingLength <= 512);
    assert.equal(createSecretsScanner({ threshold: 0.9 }).threshold, 0.9);
  });
  it('scores a clean text 0 and returns no findings', () => {
    const r = scanner.scan('Please summarise the attached quarterly report in three bullet points.');
    assert.deepEqual(r, { scanner: 'secrets', score: 0, flagged: false, findings: [] });
  });
  it('a higher threshold unflags context-only findings but not validated tokens', () => {
    const strict = createSecretsScanner({ threshold: 0.9 });
    assert.equal(strict.scan(`password = "${pick(AN, 14)}!"`).flagged, false);
    assert.equal(strict.scan(`token: ${githubToken('ghp_')}`).flagged, true);
  });
});

describe('secrets: positives per type', () => {
  it('AWS access key ids, and the secret key next to one', () => {
    const id = `AKIA${pick(UP + DG, 16)}`;
    assertFlagged(`aws_access_key_id=${id}`, 'aws_access_key', 'secret.aws');
    assertFlagged(`ASIA${pick(UP + DG, 16)}`, 'aws_access_key');
    const secret = `${pick(AN, 18)}/${pick(AN, 10)}+${pick(AN, 10)}`;
    const r = scanner.scan(`${id},${secret}`);
    assert.deepEqual(
      r.findings.map((f) => f.type),
      ['aws_access_key', 'aws_secret_key'],
    );
    assertFlagged(`AWS_SECRET_ACCESS_KEY = "${secret}"`, 'aws_secret_key', 'secret.aws');
  });
  it('GCP API keys and service-account key files', () => {
    assertFlagged(`const key = "AIzaSy${pick(AN, 33)}";`, 'gcp_api_key', 'secret.gcp');
    const sa = JSON.stringify({ type: 'service_account', project_id: 'p', private_key: pemKey('PRIVATE KEY') }, null, 2);
    assertFlagged(sa, 'gcp_service_account', 'secret.gcp');
  });
  it('Azure storage connection strings and client secrets', () => {
    const key = Buffer.from(pick(AN, 64)).toString('base64');
    assertFlagged(
      `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${key};EndpointSuffix=core.windows.net`,
      'azure_storage_key',
      'secret.azure',
    );
    assertFlagged(`client_secret=${pick(AN, 3)}8Q~${pick(`${AN}_-.`, 34)}`, 'azure_client_secret', 'secret.azure');
    assertFlagged(`AZURE_CLIENT_SECRET="${pick(AN, 40)}"`, 'azure_client_secret', 'secret.azure');
  });
  it('GitHub tokens, with the CRC-32 checksum raising the score', () => {
    const valid = top(`GITHUB_TOKEN=${githubToken('ghp_')}`).f;
    const invalid = top(`GITHUB_TOKEN=${githubToken('ghp_', false)}`).f;
    assert.equal(valid?.type, 'github_token');
    assert.equal(valid?.score, 0.99);
    assert.ok((invalid?.score ?? 0) < 0.99 && (invalid?.score ?? 0) >= 0.5);
    for (const p of ['gho_', 'ghu_', 'ghs_', 'ghr_']) assertFlagged(githubToken(p), 'github_token', 'secret.github');
    assertFlagged(`github_pat_${pick(AN, 22)}_${pick(AN, 59)}`, 'github_token');
  });
  it('GitLab, Slack, Stripe, Twilio, SendGrid', () => {
    assertFlagged(`glpat-${pick(`${AN}_-`, 20)}`, 'gitlab_token', 'secret.gitlab');
    assertFlagged(`xoxb-${pick(DG, 12)}-${pick(DG, 13)}-${pick(AN, 24)}`, 'slack_token', 'secret.slack');
    assertFlagged(`https://hooks.slack.com/services/T${pick(UP + DG, 8)}/B${pick(UP + DG, 8)}/${pick(AN, 24)}`, 'slack_webhook');
    assertFlagged(`sk_live_${pick(AN, 24)}`, 'stripe_key', 'secret.stripe');
    assertFlagged(`rk_live_${pick(AN, 24)}`, 'stripe_key');
    assertFlagged(`SK${pick('0123456789abcdef', 32)}`, 'twilio_api_key', 'secret.twilio');
    assertFlagged(`sid AC${pick('0123456789abcdef', 32)} token ${pick('0123456789abcdef', 32)}`, 'twilio_auth_token');
    assertFlagged(`TWILIO_AUTH_TOKEN=${pick('0123456789abcdef', 32)}`, 'twilio_auth_token');
    assertFlagged(`SG.${pick(`${AN}_-`, 22)}.${pick(`${AN}_-`, 43)}`, 'sendgrid_api_key', 'secret.sendgrid');
  });
  it('OpenAI keys (by their embedded marker) and Anthropic keys', () => {
    assertFlagged(`sk-${pick(AN, 20)}T3BlbkFJ${pick(AN, 20)}`, 'openai_api_key', 'secret.openai');
    assertFlagged(`sk-proj-${pick(`${AN}_-`, 60)}T3BlbkFJ${pick(`${AN}_-`, 60)}`, 'openai_api_key');
    assertFlagged(`ANTHROPIC_API_KEY=sk-ant-api03-${pick(`${AN}_-`, 93)}AA`, 'anthropic_api_key', 'secret.anthropic');
  });
  it('JWTs with a JSON header naming alg and a JSON payload', () => {
    assertFlagged(`Authorization: Bearer ${jwt()}`, 'jwt', 'secret.jwt');
    assertFlagged(`${b64url({ alg: 'none' })}.${b64url({ sub: 'x' })}.`, 'jwt');
  });
  it('PEM private keys of every kind, the span covering BEGIN to END', () => {
    for (const label of [
      'RSA PRIVATE KEY',
      'EC PRIVATE KEY',
      'OPENSSH PRIVATE KEY',
      'PRIVATE KEY',
      'ENCRYPTED PRIVATE KEY',
      'PGP PRIVATE KEY BLOCK',
    ]) {
      const key = pemKey(label);
      const text = `here it is:\n${key}\nthanks`;
      const { f } = top(text);
      assert.equal(f?.type, 'private_key', label);
      assert.equal(f?.label, 'secret.private_key');
      assert.equal(text.slice(f?.start, f?.end), key);
      assert.ok((f?.score ?? 0) >= 0.95);
    }
  });
  it('connection strings with a password, and basic-auth URLs', () => {
    const pw = `${pick(AN, 10)}!${pick(DG, 2)}`;
    for (const scheme of ['postgres', 'postgresql', 'mysql', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'mssql']) {
      assertFlagged(`DATABASE_URL=${scheme}://app:${pw}@db.internal:5432/prod`, 'database_connection_string', 'secret.database');
    }
    assertFlagged(`jdbc:mysql://admin:${pw}@db.corp:3306/app`, 'database_connection_string');
    assertFlagged(`git clone https://deploy:${pw}@git.example.org/repo.git`, 'basic_auth_url', 'secret.basic_auth');
    assertFlagged(`curl -u deploy:${pw} https://api.example.org`, 'basic_auth_credentials');
  });
  it('generic assignments with entropy, in code, config and CLI form', () => {
    assertFlagged(`api_key = "${pick(AN, 32)}"`, 'secret_assignment', 'secret.generic');
    assertFlagged(`  "client_secret": "${pick('0123456789abcdef', 40)}",`, 'secret_assignment');
    assertFlagged(`export DB_PASSWORD='${pick(AN, 12)}#1'`, 'password_assignment');
    assertFlagged(`mysql --password=${pick(AN, 12)}@9 --host=db`, 'password_assignment');
    assertFlagged(`<password>${pick(AN, 10)}$2</password>`, 'password_assignment');
  });
  it("Gatehouse's own keys, validated by their check characters", () => {
    const key = newSecret(newKeyId());
    const { r, f } = top(`export GATEHOUSE_KEY=${key}`);
    assert.ok(r.flagged);
    assert.equal(f?.type, 'gatehouse_api_key');
    assert.equal(f?.label, 'secret.gatehouse');
    assert.equal(f?.score, 0.99);
    const lookalike = `${key.slice(0, 30)}${key[30] === 'a' ? 'b' : 'a'}${key.slice(31)}`;
    assertClean(`example key: ${lookalike}`);
  });
  it('other prefixed vendor tokens', () => {
    assertFlagged(`hf_${pick(UP + LO, 34)}`, 'huggingface_token');
    assertFlagged(`npm_${pick(AN, 36)}`, 'npm_token');
    assertFlagged(`dckr_pat_${pick(`${AN}_-`, 27)}`, 'docker_token');
    assertFlagged(`hvs.${pick(`${AN}_-`, 95)}`, 'vault_token');
    const hex = '0123456789abcdef';
    assertFlagged(`DIGITALOCEAN_TOKEN=dop_v1_${pick(hex, 64)}`, 'digitalocean_token', 'secret.digitalocean');
    assertFlagged(`GEM_HOST_API_KEY: rubygems_${pick(hex, 48)}`, 'rubygems_key');
    assertFlagged(`x-api-key: PMAK-${pick(hex, 24)}-${pick(hex, 34)}`, 'postman_key');
    assertFlagged(`curl -H "Authorization: SSWS 00${pick(AN, 40)}" https://acme.okta.com/api/v1/users`, 'okta_token', 'secret.okta');
    assertFlagged(`XAI_API_KEY=xai-${pick(AN, 80)}`, 'xai_api_key');
    assertFlagged(`export REPLICATE_API_TOKEN=r8_${pick(AN, 37)}`, 'replicate_token');
    assertFlagged(`nvapi-${pick(`${AN}-_`, 64)}`, 'nvidia_api_key');
    assertFlagged(`Authorization: Bearer ya29.${pick(`${AN}-_`, 120)}`, 'gcp_oauth_token', 'secret.gcp');
    assertFlagged(`DOPPLER_TOKEN=dp.pt.${pick(AN, 43)}`, 'doppler_token', 'secret.doppler');
    assertFlagged(`doppler run --token dp.st.prd_eu.${pick(AN, 40)} -- node app.js`, 'doppler_token');
    assertClean(`personal tokens start dp.pt. and service tokens dp.st.${'x'.repeat(40)}`);
    assertClean(`dp.pt.${pick(AN, 43)}${pick(AN, 10)}`);
  });

  it('PuTTY private key files, with real or escaped line breaks', () => {
    const lines = [
      'PuTTY-User-Key-File-3: ssh-ed25519',
      'Encryption: none',
      'Comment: deploy@ci',
      'Public-Lines: 2',
      pick(`${AN}+/`, 64),
      pick(`${AN}+/`, 20),
      'Private-Lines: 1',
      pick(`${AN}+/`, 44),
      `Private-MAC: ${pick('0123456789abcdef', 64)}`,
    ];
    assertFlagged(lines.join('\n'), 'private_key', 'secret.private_key');
    assertFlagged(`"ppk": "${lines.join('\\n')}"`, 'private_key');
    // A JSON string inside another JSON string: the line breaks are escaped twice.
    assertFlagged(`{"body": "{\\"ppk\\": \\"${lines.join('\\\\n')}\\"}"}`, 'private_key');
  });

  it('a password or token told in a sentence', () => {
    assertFlagged(`The password is ${pick(LO, 4)}${pick(DG, 3)}${pick(UP, 4)}`, 'password_assignment');
    assertFlagged(`my wifi password is: Tr0ub4dor&3`, 'password_assignment');
    assertFlagged(`the access token was ${pick(AN, 32)}, it expires tomorrow`, 'secret_assignment');
  });
});

describe('secrets: passwords on a command line', () => {
  it('mysql -p glued, sshpass -p and redis-cli -a', () => {
    assertFlagged(`mysql -u root -p${pick(LO, 5)}${pick(DG, 3)}${pick(UP, 3)} -h db`, 'password_assignment');
    assertFlagged(`sshpass -p ${pick(LO, 6)}${pick(DG, 4)} ssh deploy@10.0.0.5`, 'password_assignment');
    assertFlagged(`redis-cli -h cache -a ${pick(AN, 16)}`, 'password_assignment');
    assertFlagged(`docker login registry.acme.io -u ci -p "${pick(UP, 3)}${pick(LO, 5)}${pick(DG, 4)}#"`, 'password_assignment');
    assertFlagged(`helm registry login ghcr.io -u bot -p ${pick(AN, 20)}`, 'password_assignment');
  });
  it('the same flags without a password, or on another tool', () => {
    for (const t of [
      'mysql -u root -p mydb',
      'mysql -u root -p$MYSQL_PWD',
      'redis-cli -a $REDIS_PASSWORD',
      'mysql -u root -p<password> -h db',
      'ssh -p 2222 deploy@host',
      'grep -p Foo3x9Bar2 file',
      'tar -a -cf out.tgz Dir2x9',
      'docker login -u ci -p $REGISTRY_PASSWORD registry.acme.io',
      'docker run -p 8080:80 nginx',
    ])
      assertClean(t);
  });
});

describe('secrets: Go MySQL DSNs and base64 Docker configs', () => {
  it("Go's user:password@tcp(host)/db, and a .dockerconfigjson whose auth decodes to a login", () => {
    assertFlagged(
      `const dsn = "shipments:${pick(AN, 18)}@tcp(mysql.internal:3306)/shipments?parseTime=true"`,
      'database_connection_string',
    );
    assertFlagged(`dsn := "app:${pick(AN, 16)}@unix(/var/run/mysqld/mysqld.sock)/app"`, 'database_connection_string');
    const b64 = (x: string) => Buffer.from(x).toString('base64');
    const login = b64(`robot$ci:${pick(AN, 24)}`);
    assertFlagged(`  .dockerconfigjson: ${b64(JSON.stringify({ auths: { 'harbor.acme.io': { auth: login } } }))}`, 'docker_registry_auth');
    assertFlagged(
      `  .dockerconfigjson: ${b64(JSON.stringify({ auths: { 'harbor.acme.io': { auth: login } } }, null, 2))}`,
      'docker_registry_auth',
    );
  });
  it('placeholders, empty passwords and configs that hold no login are clean', () => {
    const b64 = (x: string) => Buffer.from(x).toString('base64');
    for (const t of [
      'dsn := "root:@tcp(127.0.0.1:3306)/test"',
      'dsn := "user:password@tcp(127.0.0.1:3306)/test"',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template is the input under test
      'DSN=app:${DB_PASS}@tcp(db:3306)/x',
      `  .dockerconfigjson: ${b64(JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'desktop' }))}`,
      `  .dockerconfigjson: ${b64(JSON.stringify({ auths: { 'ghcr.io': { auth: b64('user:password') } } }))}`,
    ])
      assertClean(t);
  });
});

describe('secrets: private keys as bare base64 DER', () => {
  it('PKCS#8, PKCS#1, SEC1, Ed25519 and PKCS#12 without PEM armour are private keys; certificates and public keys are not secrets', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ed = generateKeyPairSync('ed25519');
    const der = (k: KeyObject, type: 'pkcs8' | 'pkcs1' | 'sec1' | 'spki') =>
      (k.export({ type, format: 'der' } as never) as Buffer).toString('base64');
    for (const v of [
      der(rsa.privateKey, 'pkcs8'),
      der(rsa.privateKey, 'pkcs1'),
      der(ec.privateKey, 'pkcs8'),
      der(ec.privateKey, 'sec1'),
      der(ed.privateKey, 'pkcs8'),
    ])
      assertFlagged(`APNS_AUTH_KEY=${v}`, 'private_key');
    for (const v of [der(rsa.publicKey, 'spki'), der(rsa.publicKey, 'pkcs1'), der(ec.publicKey, 'spki')])
      assertClean(`SIGNING_PUBLIC_KEY=${v}`);
    // a truncated key (the value stops long before its declared length) is not reported as one
    const cut = der(rsa.privateKey, 'pkcs8').slice(0, 120);
    assert.ok(!scanner.scan(`k: ${cut}`).findings.some((f) => f.type === 'private_key'));
  });
});

describe('secrets: URLs and connection strings with credentials in other places', () => {
  it('Oracle thin JDBC user/password, Azure SAS signatures, Discord webhooks, Rails secret_key_base', () => {
    assertFlagged(`jdbc:oracle:thin:app_rw/${pick(AN, 14)}@db.acme.io:1521/ORCL`, 'database_connection_string', 'secret.database');
    // Oracle command-line clients take the same login, after flags.
    assertFlagged(`sqlplus -s app_rw/${pick(AN, 14)}@//db.acme.io:1521/ORCL`, 'database_connection_string');
    assertFlagged(`rman target sys/${pick(AN, 14)}@prod`, 'database_connection_string');
    assertFlagged(`expdp system/${pick(AN, 14)}@pdb1 directory=dp dumpfile=x.dmp`, 'database_connection_string');
    const sig = encodeURIComponent(`${pick(`${AN}+/`, 43)}=`);
    assertFlagged(
      `https://acme.blob.core.windows.net/c/f.txt?sv=2021-06-08&ss=b&sp=r&se=2030-01-01&sig=${sig}`,
      'azure_sas_token',
      'secret.azure',
    );
    assertFlagged(`https://discord.com/api/webhooks/${pick(DG, 19)}/${pick(`${AN}-_`, 68)}`, 'discord_webhook');
    assertFlagged(`SECRET_KEY_BASE=${pick('0123456789abcdef', 128)}`, 'secret_assignment');
    // A URL's query names its password even when the URL is the value of a password-like name.
    const pw = `${pick(UP, 2)}${pick(LO, 4)}!${pick(DG, 3)}${pick(LO, 3)}`;
    assertFlagged(`String pw = "jdbc:postgresql://db.internal:5432/app?user=app&password=${pw}";`, 'password_assignment');
  });
  it('the same shapes without a credential', () => {
    for (const t of [
      'jdbc:oracle:thin:@db.acme.io:1521/ORCL',
      'sqlplus / as sysdba',
      'sqlplus user/password@db',
      'sqlplus $ORA_USER/$ORA_PASS@db',
      'mysqlplus x/abcdefgh12@z',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template is the input under test
      'jdbc:oracle:thin:${DB_USER}/${DB_PASS}@db:1521/X',
      'https://x.blob.core.windows.net/c?sig=abc&sv=1',
      'the sig= parameter holds the signature',
      'https://discord.com/api/webhooks/123/abc',
      'secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>',
    ])
      assertClean(t);
  });
});

describe('secrets: prose and look-alikes of the newer formats', () => {
  it('a sentence about a password without one in it', () => {
    for (const t of [
      'The password is incorrect, please retry.',
      'Your password is required to continue',
      'the password is the same as before',
      'The token is expired',
      'Password is 12345678',
      'The key is to keep it simple',
      'the secret is out: everybody knows',
    ])
      assertClean(t);
  });
  it('vendor prefixes with a wrong or placeholder body', () => {
    assertClean(`dop_v1_${'x'.repeat(64)}`);
    assertClean('the function dop_v1_handler() is not a token');
    assertClean(`PMAK-${'0'.repeat(24)}`);
    assertClean('Okta API calls use the SSWS scheme: Authorization: SSWS {apiToken}');
    assertClean('Save the file in PuTTY-User-Key-File format with puttygen');
    assertClean('PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 1\nAAAA\nPrivate-MAC: 00');
  });
});

describe('secrets: hard negatives', () => {
  it('placeholders and templating in every rule', () => {
    for (const text of [
      'password = "changeme"',
      'password: ********',
      'api_key = "<your-api-key>"',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template is the input under test
      'api_key = "${API_KEY}"',
      'token: {{ .Values.token }}',
      "secret = '<%= ENV['SECRET'] %>'",
      'API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX',
      'postgres://user:password@localhost:5432/db',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template is the input under test
      'mongodb://${DB_USER}:${DB_PASS}@mongo:27017',
      'https://username:YOUR_PASSWORD@example.com',
      'curl -u "$USER:$PASS" https://x',
      'secret_key = os.environ["SECRET_KEY"]',
      'password = getpass()',
      'token = request.headers.get("Authorization")',
      'apiKey: process.env.API_KEY',
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
      '-----BEGIN RSA PRIVATE KEY-----\nxxx\n-----END RSA PRIVATE KEY-----',
    ]) {
      assertClean(text);
    }
  });
  it("AWS's documented example keys are reported with a low score, not flagged", () => {
    const r = scanner.scan('aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    assert.equal(r.flagged, false);
    assert.ok(r.findings.some((f) => f.type === 'aws_access_key' && f.evidence.includes('documented example')));
  });
  it('invalid JWTs: undecodable header, header without alg, non-JSON payload', () => {
    assertClean(`token ${b64url({ typ: 'JWT' })}.${b64url({ sub: 'x' })}.${pick(AN, 43)}`);
    assertClean(`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVC.${b64url({ sub: 'x' })}.${pick(AN, 43)}`);
    assertClean(`${b64url({ alg: 'HS256' })}.bm90IGpzb24.${pick(AN, 43)}`);
    assertClean('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
  });
  it('prose about tokens, keys and passwords', () => {
    for (const text of [
      'The token limit is 4096 tokens, so keep the key points short.',
      'Reset your password: open Settings, then Security.',
      'GitHub personal access tokens start with ghp_ followed by 36 characters; AWS access key ids start with AKIA.',
      'A JWT has three parts: header, payload and signature, each base64url encoded (eyJ... is a JSON object).',
      'Stripe secret keys look like sk_live_ plus 24 characters; never commit them.',
      'The primary key of the table is a UUID such as 3f2b8c4e-9a1d-4f6b-8e2a-7c5d9b1e0f3a.',
      'Commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b fixed the password reset flow.',
      'sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'Use the --password flag to pass a password to mysql.',
      'The secret to good bread is time.',
    ]) {
      assertClean(text);
    }
  });
  it('identifiers and names next to secret-ish words', () => {
    for (const text of [
      'clientId = "73082700-1f09-405b-80d0-3131bfd6272d"',
      'key_name: "prod-cmk-primary"',
      'secret_length = X25519.secret_length',
      'keyPressed = kVK_Return.u16',
      'public_key = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"',
      'max_tokens: 1024',
      'app.keystore.file=env/cert.p12',
      'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"',
      'notes = "io.jsonwebtoken:jjwt-jackson-0.11.2"',
    ]) {
      assertClean(text);
    }
  });
});

describe('secrets: obfuscated and encoded positives', () => {
  it('a PEM key JSON-escaped inside a string, also inside a JSON string inside another', () => {
    const escaped = JSON.stringify({ key: pemKey('PRIVATE KEY') });
    assertFlagged(escaped, 'private_key');
    const twice = JSON.stringify({ level: 'debug', body: escaped });
    assert.ok(twice.includes('\\\\n'), twice.slice(0, 80));
    assertFlagged(twice, 'private_key');
    assertFlagged(JSON.stringify({ log: twice }), 'private_key');
    // the END not in view
    assertFlagged(twice.slice(0, twice.indexOf('-----END')), 'private_key');
  });
  it('a PEM key whose END is not in view (truncated or streamed) is still recognised from its BEGIN line', () => {
    const key = pemKey('RSA PRIVATE KEY', 3);
    assertFlagged(key.slice(0, key.indexOf('-----END')), 'private_key');
  });
  it('a secret inside a JSON string with escapes around it', () => {
    assertFlagged(`{"config":"{\\"password\\": \\"${pick(AN, 10)}9!\\"}"}`, 'password_assignment');
  });
  it('a token split by nothing but surrounding markdown', () => {
    assertFlagged(`Use \`${githubToken('ghp_')}\` for CI.`, 'github_token');
  });
});

describe('secrets: evidence never carries the value', () => {
  it('masks every finding', () => {
    const values = [
      githubToken('ghp_'),
      `AKIA${pick(UP + DG, 16)}`,
      jwt(),
      `sk_live_${pick(AN, 24)}`,
      `${pick(AN, 10)}!${pick(DG, 2)}`,
      newSecret(newKeyId()),
      pemKey(),
    ];
    const text = `t=${values[0]}\nid ${values[1]}\nBearer ${values[2]}\nstripe ${values[3]}\npostgres://u:${values[4]}@h/db\n${values[5]}\n${values[6]}`;
    const r = scanner.scan(text);
    assert.ok(r.findings.length >= values.length);
    for (const f of r.findings) {
      const raw = text.slice(f.start, f.end);
      assert.ok(!f.evidence.includes(raw), `evidence ${f.evidence} contains the value`);
      for (const v of values) assert.ok(!f.evidence.includes(v));
    }
  });
});

describe('secrets: Grafana API keys, damaged JWT headers, SoftLayer URLs, names that fix a format', () => {
  const grafanaKey = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64');
  it('Grafana API keys (base64 of {"k":…}): validated when they decode, by format otherwise', () => {
    assertFlagged(`GF_API_KEY=${grafanaKey({ k: pick(AN, 32), n: 'deploy', id: 1 })}`, 'grafana_token', 'secret.grafana');
    assertFlagged(`"grafana": "${grafanaKey({ k: pick(AN, 32), n: 'ci-bot', id: 7 })}"`, 'grafana_token');
    assertFlagged(`eyJrIjoi${pick(AN, 72)}`, 'grafana_token');
  });
  it('Grafana look-alikes: short, filler bodies, or the first part of a JWT', () => {
    assertClean(`eyJrIjoi${pick(AN, 20)}`);
    assertClean(`eyJrIjoi${'x'.repeat(72)}`);
    assertClean(`eyJrIjoi${'A'.repeat(72)}`);
    assertClean('Grafana API keys start with eyJrIjoi, the base64 of {"k":"');
  });
  it('a JWT whose header names alg but does not parse, with a JSON payload and a signature', () => {
    // `{"alg":'z","typ":"JWT"}`: the structure of a JWT with a hand-damaged header
    const damaged = Buffer.from(`{"alg":'z","typ":"JWT"}`).toString('base64url');
    assertFlagged(`${damaged}.${b64url({ sub: '1234567890', name: 'x' })}.${pick(`${AN}-_`, 43)}`, 'jwt');
    assertFlagged(`JWT := ${damaged}.${b64url({ iat: 1516239022 })}.${pick(`${AN}-_`, 43)}`, 'jwt');
  });
  it('damaged headers without alg, without a signature or with a non-JSON payload stay clean', () => {
    const noAlg = Buffer.from(`{"typ":'z'}`).toString('base64url');
    const damaged = Buffer.from(`{"alg":'z"}`).toString('base64url');
    assertClean(`${noAlg}.${b64url({ sub: 'x' })}.${pick(AN, 43)}`);
    assertClean(`${damaged}.${b64url({ sub: 'x' })}`);
    assertClean(`${damaged}.${b64url({ sub: 'x' })}.abc`);
    assertClean(`${damaged}.bm90IGpzb24.${pick(AN, 43)}`);
  });
  it('a SoftLayer API key in the path of an API URL', () => {
    const key = pick('0123456789abcdefghijklmnopqrstuvwxyz', 64);
    assertFlagged(`http://api.softlayer.com/soap/v3/${key}`, 'softlayer_api_key', 'secret.softlayer');
    assertFlagged(`curl https://api.softlayer.com/soap/v3.1/${key}/SoftLayer_Account`, 'softlayer_api_key');
  });
  it('SoftLayer URLs without a key', () => {
    assertClean('https://api.softlayer.com/soap/v3/SoftLayer_Account');
    assertClean(`https://api.softlayer.com/soap/v3/${pick('0123456789abcdef', 32)}`);
    assertClean(`https://api.softlayer.com/soap/v3/${'x'.repeat(64)}`);
  });
  it('IBM credential names fix the format: a value of another shape there is not the key', () => {
    const iam = pick(`${AN}_-`, 44);
    const hmac = pick('0123456789abcdef', 48);
    assertFlagged(`IBM_CLOUD_IAM_API_KEY="${iam}"`, 'secret_assignment');
    assertFlagged(`ibm_cos_hmac_secret_access_key = "${hmac}"`, 'secret_assignment');
    assertClean(`ibm_cloud_api_key = "${iam}--__suffix"`);
    assertClean(`ibm-cos-hmac-secret-key = "${hmac}_more"`);
  });
  it("documented examples: Kubernetes' Secret manifest and Google's Firebase SDK sample keys", () => {
    assertClean('kind: Secret\ntype: Opaque\ndata:\n  username: YWRtaW4=\n  password: MWYyZDFlMmU2N2Rm\n');
    assertClean(['apiKey: "AIza', 'SyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw"'].join(''));
    assertFlagged(`kind: Secret\ndata:\n  password: ${Buffer.from(`${pick(AN, 10)}!7`).toString('base64')}\n`, 'password_assignment');
  });
});

describe('secrets: header values quoted with their scheme, key/value attributes, Grafana Cloud bodies', () => {
  it('"Authorization": "Bearer …" in JSON, dicts and fetch headers', () => {
    const tok = pick(AN, 32);
    assertFlagged(`headers = {"Authorization": "Bearer ${tok}"}`, 'auth_header');
    assertFlagged(`fetch(url, { headers: { 'Authorization': 'Token ${tok}' } })`, 'auth_header');
    const basic = Buffer.from(`svc-deploy:${pick(AN, 14)}`).toString('base64');
    assertFlagged(`{"Authorization": "Basic ${basic}"}`, 'basic_auth_header');
  });
  it('quoted scheme with a template, a placeholder, a concatenation or prose stays clean', () => {
    for (const t of [
      'headers = {"Authorization": "Bearer <token>"}',
      '{"Authorization": "Bearer " + token}',
      '"Authorization": "Bearer {token}"',
      '"Authorization": "Bearer YOUR_API_KEY"',
      '"Authorization": "Bearer token here"',
      '"Authorization": "Bearer $TOKEN"',
      `"Authorization": "Basic ${Buffer.from('user:password').toString('base64')}"`,
      `"Authorization": "Bearer ${'x'.repeat(24)}"`,
    ])
      assertClean(t);
  });
  it('<add key="ApiKey" value="…"/> and name/value attribute pairs', () => {
    const v = pick(AN, 32);
    assertFlagged(`<appSettings>\n  <add key="ApiKey" value="${v}" />\n</appSettings>`, 'secret_assignment');
    assertFlagged(`<add name="ClientSecret" value="${v}"/>`, 'secret_assignment');
    assertFlagged(`<add key="DbPassword" value="${pick(LO, 6)}${pick(DG, 3)}!" />`, 'password_assignment');
  });
  it('attribute pairs whose key is not secret-bearing, or whose value is empty or templated', () => {
    const v = pick(AN, 32);
    assertClean(`<add key="Theme" value="${v}" />`);
    assertClean('<add key="ApiKey" value="" />');
    assertClean('<add key="ApiKey" value="#{ApiKey}" />');
    assertClean('<add key="ApiKeyHeader" value="X-Api-Key" />');
  });
  it('Grafana Cloud tokens cut short or with a random base64 body', () => {
    const body = Buffer.from(JSON.stringify({ o: '12345', n: 'stack-write', k: pick(AN, 24) })).toString('base64');
    assertFlagged(`GRAFANA_TOKEN=glc_${body.slice(0, 41)}`, 'grafana_token');
    assertFlagged(`glc_${pick(AN, 48)}`, 'grafana_token');
    assertClean(`glc_${pick(LO, 48)}`);
    assertClean('static void glc_UploadLightmapTexturesIndividual(void);');
  });
});

describe('secrets: JSON Web Keys, SQL Server and LDAP password flags, ODBC braced values', () => {
  const u64 = `${AN}-_`;
  it('private JWKs (d) of RSA, EC and OKP keys, and symmetric JWKs (k)', () => {
    const ec = { kty: 'EC', crv: 'P-256', x: pick(u64, 43), y: pick(u64, 43), d: pick(u64, 43) };
    assertFlagged(JSON.stringify(ec), 'private_key', 'secret.private_key');
    assertFlagged(JSON.stringify({ kty: 'RSA', n: pick(u64, 342), e: 'AQAB', d: pick(u64, 342) }, null, 2), 'private_key');
    assertFlagged(JSON.stringify({ d: pick(u64, 43), crv: 'Ed25519', kty: 'OKP', x: pick(u64, 43) }), 'private_key');
    assertFlagged(`{"keys":[${JSON.stringify({ kty: 'oct', k: pick(u64, 43), alg: 'HS256' })}]}`, 'jwk_secret_key');
  });
  it('public JWKs, elided members and prose about JWKs stay clean', () => {
    assertClean(JSON.stringify({ kty: 'EC', crv: 'P-256', x: pick(u64, 43), y: pick(u64, 43) }));
    assertClean(JSON.stringify({ kty: 'RSA', n: pick(u64, 342), e: 'AQAB', kid: 'sig-1' }));
    assertClean('{"kty": "RSA", "d": "..."}');
    assertClean(`{"kty": "EC", "d": "${'A'.repeat(43)}"}`);
    assertClean('A private JWK has a "d" member; a "kty" of "oct" means a symmetric key in "k".');
  });
  it('sqlcmd -P, ldapsearch -w and ODBC PWD={…}', () => {
    const pw = `${pick(UP, 3)}${pick(LO, 5)}${pick(DG, 4)}`;
    assertFlagged(`sqlcmd -S db.internal -U sa -P ${pw} -Q "SELECT 1"`, 'password_assignment');
    assertFlagged(`ldapsearch -x -D "cn=admin,dc=example,dc=org" -w ${pw} -b dc=example,dc=org`, 'password_assignment');
    assertFlagged(`Driver={ODBC Driver 18 for SQL Server};Server=db;UID=app;PWD={${pw}};`, 'password_assignment');
  });
  it('the same flags on other tools, prompting forms, variables, and braces that are not ODBC values', () => {
    for (const t of [
      'sqlcmd -S db -U sa -P $SA_PASSWORD',
      'grep -P "\\d+[a-z]{3}" access.log',
      'curl -w "%{http_code}" https://example.com',
      'ldapsearch -W -D cn=admin -b dc=example',
      'wc -w notes.txt',
      '<Input type="password" password={userPassword} />',
      'Driver={ODBC Driver 18};UID=app;PWD={p@ss;w0rd}x',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template is the input under test
      'Server=db;UID=app;PWD={${DB_PASSWORD}};',
    ])
      assertClean(t);
  });
});

describe('secrets: assignment forms of config files and languages', () => {
  const v = () => pick(AN, 32);
  it('typed declarations, append and concatenation operators, YAML block scalars, XML on several lines, name/value pairs', () => {
    assertFlagged(`var apiToken string = "${v()}"`, 'secret_assignment');
    assertFlagged(`const apiKey: string = "${v()}";`, 'secret_assignment');
    assertFlagged(`var authToken: String = "${v()}"`, 'secret_assignment');
    assertFlagged(`auth_token: str = "${v()}"`, 'secret_assignment');
    assertFlagged(`DEPLOY_TOKEN += "${v()}"`, 'secret_assignment');
    assertFlagged(`$apiToken .= "${v()}";`, 'secret_assignment');
    assertFlagged(`$apiToken ??= "${v()}";`, 'secret_assignment');
    assertFlagged(`api_token: |\n  ${v()}\n`, 'secret_assignment');
    assertFlagged(`client_secret: >-\n    ${v()}\n`, 'secret_assignment');
    assertFlagged(`<apiToken>\n    ${v()}\n</apiToken>`, 'secret_assignment');
    assertFlagged(`{\n  "name": "api_token",\n  "value": "${v()}"\n}`, 'secret_assignment');
    assertFlagged(`[{"key": "ClientSecret", "value": "${v()}"}]`, 'secret_assignment');
  });
  it('a passphrase as a password: four words or more, or three with a digit inside a word', () => {
    assertFlagged('{"password": "c0rrect-h0rse-battery-staple"}', 'password_assignment');
    assertFlagged('password: purple_monkey_dishwasher_lamp', 'password_assignment');
    assertFlagged('DB_PASSWORD="s1lver-f0x-jumps"', 'password_assignment');
    // A slug elsewhere, or three plain words, stays an identifier; a placeholder stays one.
    assert.equal(scanner.scan('api_key_name: "billing-service-prod"').findings.length, 0);
    assert.equal(scanner.scan('password_secret: "db-creds-prod"').findings.length, 0);
    assert.equal(scanner.scan('{"password": "your-password-goes-here"}').findings.length, 0);
    assert.equal(scanner.scan('password: get_from_env_var').findings.length, 0);
  });
  it('LDAP configs: bindpw and rootpw, run together and separated by blanks', () => {
    const t = '# /etc/nslcd.conf\nuri ldaps://ldap.example.internal\nbindpw ZLBkajd&490pIB\ntls_reqcert demand';
    const f = scanner.scan(t).findings.find((x) => x.type === 'password_assignment');
    assert.ok(f, JSON.stringify(scanner.scan(t).findings));
    assert.equal(t.slice(f.start, f.end), 'ZLBkajd&490pIB');
    assertFlagged('rootpw Xq7pL2vN9rT4sK8m', 'password_assignment');
    assertFlagged('ldap_default_authtok = Xq7pL2vN9rT4sK8m', 'password_assignment');
    assertClean('set bindpw in the config file before you restart nslcd');
  });
  it('a random value with underscores is not a snake_case name (ADO.NET connection strings, .env files)', () => {
    assertFlagged(
      '<add name="Default" connectionString="Server=tcp:sql.example.net,1433;Initial Catalog=Ledger;User ID=app;Password=FduRjI_gxTKn8_AKGowe;" />',
      'password_assignment',
    );
    assertFlagged('DB_PASSWORD=Xq7pL2vN9rT4_sK8m', 'password_assignment');
    // names made of words (any case, camelCase, a short number) stay identifiers
    for (const t of [
      'password = user_password',
      'password=my_db_pass',
      'password = DB_PASS_2024',
      "schemaKey = 'DOC_Vector_5_32'",
      'secret = getSecret_fromVault',
    ])
      assertClean(t);
  });
  it('secret-bearing names with a qualifier after them (environment, version, role)', () => {
    assertFlagged(`API_KEY_PROD=${v()}`, 'secret_assignment');
    assertFlagged(`DB_PASSWORD_STAGING=${pick(LO, 5)}${pick(DG, 3)}${pick(UP, 3)}`, 'password_assignment');
    assertFlagged(`secret_v2 = '${v()}'`, 'secret_assignment');
    assertFlagged(`apiKeyLive: '${v()}'`, 'secret_assignment');
  });
  it('names where the word after the secret-bearing one changes what the value is', () => {
    for (const t of [`password_hash = '${v()}'`, `token_url = '${v()}'`, `secret_name = '${v()}'`, `token_type: ${v()}`, `test: ${v()}`])
      assertClean(t);
  });
  it('literal fallbacks of a variable, setters and builder methods given a literal', () => {
    assertFlagged(`const key = process.env.API_KEY || '${v()}'`, 'secret_assignment');
    assertFlagged(`apiKey: process.env.API_KEY ?? "${v()}",`, 'secret_assignment');
    assertFlagged(`client.setApiKey("${v()}");`, 'secret_assignment');
    assertFlagged(`OpenAI.builder().apiKey("${v()}").build()`, 'secret_assignment');
    assertFlagged(`http.withToken('${v()}')`, 'secret_assignment');
  });
  it('getters, lookups by name, variables and placeholders in calls and fallbacks', () => {
    for (const t of [
      'vault.getSecret("my-app-secret-name")',
      'props.getProperty("db.password")',
      'x.password(passwordVar)',
      'user.setPassword("password")',
      `mask_token("${v()}")`,
      "const token = process.env.TOKEN || 'default'",
      "const token = process.env.TOKEN || ''",
      'if (token || "x") run()',
      'const t = token ?? process.env.TOKEN',
    ])
      assertClean(t);
  });
  it('the same forms holding code, types, templates or nothing', () => {
    for (const t of [
      'const apiKey: string = process.env.API_KEY',
      "token: string = ''",
      'var token string = os.Getenv("TOKEN")',
      'apiKey: Record<string, string> = {}',
      'token: Token | null = null',
      'authToken?: string = undefined',
      'password = TextField()',
      'password: PasswordField = PasswordField(max_length=128)',
      'private readonly tokenService: TokenService = inject(TokenService)',
      'token += 1',
      '$password .= $salt;',
      'password: |\n  {{ .Values.pw }}\n',
      'api_token: |\n\nnext: value',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template is the input under test
      '<password>\n  ${DB_PASS}\n</password>',
      '{"name": "api_token", "value": ""}',
      '{"name": "api_token", "value": "{{ token }}"}',
      '{"name": "api_token", "description": "the token used by CI"}',
    ])
      assertClean(t);
  });
});

describe('secrets: invisible characters hiding a token or a name', () => {
  it('zero-width spaces, joiners, soft hyphens and BOMs inside a token or its name', () => {
    const tok = githubToken('ghp_');
    const hidden = `${tok.slice(0, 9)}\u200b${tok.slice(9, 25)}\u2060${tok.slice(25)}`;
    const { r, f } = top(`deploy with ${hidden} today`);
    assert.ok(r.flagged);
    assert.equal(f?.type, 'github_token');
    assert.equal(f?.start, 12);
    assert.equal(f?.end, 12 + hidden.length);
    assert.ok(f?.evidence.includes('invisible characters inside'));
    assertFlagged(`pass\u00adword = ${pick(LO, 6)}${pick(DG, 4)}${pick(UP, 2)}`, 'password_assignment');
    assertFlagged(`\ufeffAPI_KEY=${pick(AN, 32)}`, 'secret_assignment');
  });
  it('invisible characters in text without a secret', () => {
    assertClean('zero\u200bwidth\u200cjoiners\u200din prose, a soft\u00adhyphen and a \u2066bidi\u2069 isolate');
    assertClean(`ghp_\u200b${'x'.repeat(36)}`);
  });
});

describe('secrets: a token split into string literals joined in code', () => {
  it('joined by +, by . or .., by & on its line, or by a line break alone (Python, C)', () => {
    const tok = githubToken('ghp_');
    const split = `${tok.slice(0, 18)}" +\n    "${tok.slice(18)}`;
    const { r, f } = top(`const token = "${split}";`);
    assert.ok(r.flagged);
    assert.equal(f?.type, 'github_token');
    assert.equal(f?.start, 15);
    assert.equal(f?.end, 15 + split.length);
    assert.ok(f?.evidence.includes('split across string literals'));
    assertFlagged(`GITHUB_TOKEN = (\n    "${tok.slice(0, 20)}"\n    "${tok.slice(20)}"\n)`, 'github_token');
    assertFlagged(`$t = '${tok.slice(0, 12)}' . '${tok.slice(12)}';`, 'github_token');
    assertFlagged(`local t = "${tok.slice(0, 12)}" .. "${tok.slice(12, 30)}" .. "${tok.slice(30)}"`, 'github_token');
    assertFlagged(`Dim t = "${tok.slice(0, 12)}" & "${tok.slice(12)}"`, 'github_token');
    const slack = `xoxb-${pick(DG, 12)}-${pick(DG, 13)}-${pick(AN, 24)}`;
    assertFlagged(`SLACK = "${slack.slice(0, 10)}" + "${slack.slice(10)}"`, 'slack_token');
    assertFlagged(`url = "postgres://app:" + "${pick(LO, 6)}${pick(DG, 4)}@db.internal:5432/app"`, 'database_connection_string');
  });
  it('quoted words that are not one literal split in two, and stand-ins built by repetition', () => {
    const tok = githubToken('ghp_');
    // a shell's separate arguments, on one line or after a continuation
    assertClean(`curl -H "X-Token: ${tok.slice(0, 18)}" "${tok.slice(18)}"`);
    assertClean(`curl -H "X-Token: ${tok.slice(0, 18)}" \\\n  "${tok.slice(18)}"`);
    // PowerShell's call operator on the next line
    assertClean(`$a = '${tok.slice(0, 18)}'\n& '${tok.slice(18)}'`);
    // an escaped quote inside one literal
    assertClean(`"${tok.slice(0, 18)}""${tok.slice(18)}"`);
    assertClean('const header = "Bearer " + token;');
    assertClean('FAKE_GITHUB_TOKEN = "ghp_" + "0" * 36');
    assertClean('FAKE_SLACK_TOKEN = "xoxb-000000000000-0000000000000-" + "x" * 24');
    assertClean('x = "AKIA" + "IOSFODNN7EXAMPLE"');
  });
});

describe('secrets: .netrc entries and Wi-Fi pre-shared keys', () => {
  const pw = () => `${pick(UP, 2)}${pick(LO, 6)}${pick(DG, 4)}`;
  it('machine/login/password on one line or several, psk= in wpa_supplicant and hostapd', () => {
    assertFlagged(`machine api.heroku.com login me@example.com password ${pw()}`, 'password_assignment');
    assertFlagged(
      `machine github.com\n  login octocat\n  password ${pw()}\nmachine other.example.org login x password y`,
      'password_assignment',
    );
    assertFlagged(`network={\n  ssid="Home"\n  psk="${pw()}"\n}`, 'password_assignment');
    assertFlagged(`wpa_psk=${pw()}`, 'password_assignment');
  });
  it('netrc-like prose, placeholders and variables', () => {
    for (const t of [
      'machine learning: login and password fields',
      'machine learning login and password fields',
      'machine example.com login USERNAME password PASSWORD',
      'machine api.example.com login user password $TOKEN',
      'machine api.example.com login user password',
      'psk="your-wifi-password"',
    ])
      assertClean(t);
  });
});

describe('secrets: private keys in other containers and layouts', () => {
  const b64 = (n: number) => pick(`${AN}+/`, n);
  const lines = () => Array.from({ length: 10 }, () => b64(64));
  it('encrypted PEM with headers, indented in YAML, flattened to one line', () => {
    const body = lines();
    const headers = `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${pick('0123456789ABCDEF', 32)}\n\n`;
    assertFlagged(`-----BEGIN RSA PRIVATE KEY-----\n${headers}${body.join('\n')}\n-----END RSA PRIVATE KEY-----`, 'private_key');
    const yaml = ['-----BEGIN OPENSSH PRIVATE KEY-----', ...body, '-----END OPENSSH PRIVATE KEY-----'].join('\n    ');
    assertFlagged(`deploy:\n  ssh_key: |\n    ${yaml}\n`, 'private_key');
    assertFlagged(`-----BEGIN PRIVATE KEY----- ${body.join(' ')} -----END PRIVATE KEY-----`, 'private_key');
  });
  it('a PEM private key base64-encoded again (Kubernetes Secret data, kubeconfig client-key-data)', () => {
    const block = ['-----BEGIN EC PRIVATE KEY-----', ...lines(), '-----END EC PRIVATE KEY-----'].join('\n');
    assertFlagged(`data:\n  tls.key: ${Buffer.from(block).toString('base64')}\n`, 'private_key', 'secret.private_key');
    assertFlagged(`    client-key-data: ${Buffer.from(block).toString('base64')}`, 'private_key');
  });
  it('.NET XML RSA keys with private parameters', () => {
    const xml = `<RSAKeyValue><Modulus>${b64(172)}</Modulus><Exponent>AQAB</Exponent><P>${b64(86)}==</P><Q>${b64(86)}==</Q><D>${b64(172)}</D></RSAKeyValue>`;
    assertFlagged(xml, 'private_key');
  });
  it('certificates, public XML keys, stub or prose bodies in any container', () => {
    const cert = ['-----BEGIN CERTIFICATE-----', ...lines(), '-----END CERTIFICATE-----'].join('\n');
    for (const t of [
      cert,
      `ca.crt: ${Buffer.from(cert).toString('base64')}`,
      `tls.key: ${Buffer.from('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----').toString('base64')}`,
      `<RSAKeyValue><Modulus>${b64(172)}</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>`,
      '<RSAKeyValue><Modulus>...</Modulus><D>...</D></RSAKeyValue>',
      '-----BEGIN PRIVATE KEY-----\nPaste the key you were given here: it goes between the lines\n-----END PRIVATE KEY-----',
      '-----BEGIN RSA PRIVATE KEY-----\nsuper secret private key here\n-----END RSA PRIVATE KEY-----',
    ])
      assertClean(t);
  });
});

describe('secrets: Discord bot tokens for every length of user id', () => {
  const part1 = (digits: number) =>
    Buffer.from(`${1 + rand(9)}${pick(DG, digits - 1)}`)
      .toString('base64')
      .replace(/=+$/, '');
  it('17- to 20-digit ids (23 to 27 base64 characters), 27- or 38-character HMACs', () => {
    for (const digits of [17, 18, 19, 20])
      for (const hmac of [27, 38])
        assertFlagged(`client.run("${part1(digits)}.${pick(`${AN}-_`, 6)}.${pick(`${AN}-_`, hmac)}")`, 'discord_bot_token');
  });
  it('the same shape whose first part is neither an id nor starts like one', () => {
    assertClean(`${pick(LO, 23)}.${pick(LO, 6)}.${pick(LO, 27)}`);
    assertClean(`P${pick(AN, 26)}.${pick(AN, 6)}.${pick(AN, 27)}`);
  });
});

describe('secrets: more documented vendor prefixes', () => {
  const hex = '0123456789abcdef';
  const mix = (n: number) => `${pick(UP, 2)}${pick(LO, 2)}${pick(DG, 2)}${pick(AN, n - 6)}`;
  it('each format with a body of the documented shape', () => {
    const cases: [string, string][] = [
      [`DOPPLER_TOKEN=dp.pt.${pick(AN, 43)}`, 'doppler_token'],
      [`dp.st.prd.${pick(AN, 40)}`, 'doppler_token'],
      [`dp.st.${pick(AN, 40)}`, 'doppler_token'],
      [`SUPABASE_ACCESS_TOKEN=sbp_${pick(hex, 40)}`, 'supabase_token'],
      [`sl.${pick(`${AN}-_`, 140)}`, 'dropbox_token'],
      [`duffel_test_${pick(`${AN}-_`, 43)}`, 'duffel_token'],
      [`EZAK${pick(AN, 54)}`, 'easypost_token'],
      [`FLWSECK_TEST-${pick(hex, 32)}-X`, 'flutterwave_key'],
      [`fio-u-${pick(`${AN}-_`, 64)}`, 'frameio_token'],
      [`MAPBOX=sk.${b64url({ u: 'someone', a: pick(AN, 20) })}.${pick(`${AN}-_`, 22)}`, 'mapbox_token'],
      [`NRAK-${pick(UP + DG, 27)}`, 'new_relic_key'],
      [`pscale_tkn_${pick(`${AN}_`, 43)}`, 'planetscale_token'],
      [`xkeysib-${pick(hex, 64)}-${pick(AN, 16)}`, 'brevo_key'],
      [`shippo_live_${pick(hex, 40)}`, 'shippo_token'],
      [`tfp_${mix(44)}_${pick(AN, 14)}`, 'typeform_token'],
      [`whsec_${pick(AN, 32)}`, 'stripe_key'],
      [`pat${pick(AN, 14)}.${pick(hex, 64)}`, 'airtable_token'],
      [`dt0c01.${pick(UP + DG, 24)}.${pick(UP + DG, 64)}`, 'dynatrace_token'],
      [`LTAI${mix(20)}`, 'alibaba_access_key'],
      [`NOTION_TOKEN=secret_${mix(43)}`, 'notion_token'],
      [`sonar.token=squ_${pick(hex, 40)}`, 'sonarqube_token'],
      [`p8e-${pick(AN, 32)}`, 'adobe_secret'],
      [`dnkey-${pick(`${AN}-_`, 26)}-${pick(`${AN}-_`, 52)}`, 'defined_networking_key'],
      [`sm_pat_${pick(AN, 16)}`, 'settlemint_token'],
      [`AQVN${pick(`${AN}-_`, 36)}`, 'yandex_key'],
      [`access-sandbox-${pick(hex, 8)}-${pick(hex, 4)}-${pick(hex, 4)}-${pick(hex, 4)}-${pick(hex, 12)}`, 'plaid_token'],
      [`LANGSMITH_API_KEY=lsv2_pt_${pick(hex, 32)}_${pick(hex, 10)}`, 'langsmith_key'],
      [`tvly-${mix(32)}`, 'tavily_key'],
      [`OPENROUTER_API_KEY=sk-or-v1-${pick(hex, 64)}`, 'openrouter_api_key'],
      [`ASANA_PAT=2/${pick(DG, 16)}/${pick(DG, 16)}:${pick(hex, 32)}`, 'asana_token'],
      [`-H "Authorization: Bearer 1/${pick(DG, 16)}:${pick(hex, 32)}"`, 'asana_token'],
    ];
    for (const [text, type] of cases) assertFlagged(text, type);
  });
  it('words and identifiers with the same prefixes, short or placeholder bodies', () => {
    for (const t of [
      'the path to the pattern file is set by patch level',
      'sl. 4, see the appendix',
      `dp.pt.${'x'.repeat(43)}`,
      `EZAK${'0'.repeat(54)}`,
      'FLWSECK_TEST-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X',
      'secret_key_base and secret_token are read from the environment',
      `secret_${pick(LO, 43)}`,
      'LTAI is the prefix of an Alibaba Cloud AccessKey ID',
      'LTAIxxxxxxxxxxxxxxxxxxxx',
      `squ_${'0'.repeat(40)}`,
      'tfp_token placeholder: tfp_<your-token>',
      `whsec_${'x'.repeat(32)}`,
      'access-sandbox-token-goes-here',
      `sk-or-v1-${'0'.repeat(64)}`,
      'A Mapbox public token starts pk.eyJ and a secret one sk.eyJ',
      'NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'on 1/12/2024 at 10:30, see 2/3 of the cases',
      `2/1234567/7654321:${'0'.repeat(32)}`,
      `1/${pick(DG, 16)}:${pick(hex, 31)}`,
    ])
      assertClean(t);
  });
});

describe('secrets: "password" in other languages', () => {
  const pw = () => `${pick(UP, 2)}${pick(LO, 5)}${pick(DG, 4)}`;
  it('prose and assignments in German, Spanish, Portuguese, French, Dutch, Swedish, Finnish, Turkish, Polish', () => {
    for (const t of [
      `Mein Passwort ist ${pw()}`,
      `mi contraseña es ${pw()}`,
      `Minha senha é ${pw()}`,
      `mon mot de passe est ${pw()}`,
      `mijn wachtwoord is ${pw()}`,
      `Mitt losenord är ${pw()}`,
      `salasana on ${pw()}`,
      `Sifre: ${pw()}`,
      `moje hasło to ${pw()}`,
      `KENNWORT=${pw()}`,
    ])
      assertFlagged(t, 'password_assignment');
  });
  it('the same words in sentences without a password', () => {
    for (const t of [
      'das Passwort ist falsch',
      'la contraseña es incorrecta',
      'Passwort vergessen?',
      'senha: 123456',
      'that look is passe now',
      'wachtwoord vergeten? klik hier',
    ])
      assertClean(t);
  });
});

describe('secrets: Markdown tables, Java XML properties, session cookies', () => {
  it('a secret in the cell after its name, in an <entry key=…> element, in a session cookie', () => {
    const v = pick(AN, 32);
    assertFlagged(`| name | value |\n|---|---|\n| api_key | ${v} |`, 'secret_assignment');
    assertFlagged(
      `<properties>\n  <entry key="db.password">${pick(LO, 5)}${pick(DG, 3)}${pick(UP, 3)}</entry>\n</properties>`,
      'password_assignment',
    );
    assertFlagged(`Cookie: theme=dark; session=${v}`, 'session_cookie', 'secret.session');
    assertFlagged(`set-cookie: sessionid=${v}; Path=/; HttpOnly`, 'session_cookie');
    assertFlagged(`curl --cookie "connect.sid=s%3A${v}" https://example.com`, 'session_cookie');
  });
  it('table headers, templated entries, tracking and preference cookies, placeholders', () => {
    for (const t of [
      '| api_key | description |\n|---|---|\n| token | the access token |',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template is the input under test
      '<entry key="password">${DB_PASS}</entry>',
      `Cookie: _ga=GA1.2.${pick(DG, 10)}.${pick(DG, 10)}; theme=dark; lang=en`,
      'Cookie: session=<your-session>',
      'document.cookie: session is stored client side',
    ])
      assertClean(t);
  });
});

describe('secrets: code that names credentials without holding one', () => {
  it('types, variables, calls, ternaries and stand-in literals', () => {
    const code = [
      'export declare function pbkdf2(hash: CHash, password: KDFInput, salt: KDFInput): Uint8Array;',
      'function createPrivateKey(key: PrivateKeyInput | string | Buffer): KeyObject;',
      'privateKey: NonSharedBuffer;',
      'refresh_token: newRefreshToken,',
      '__resolvedApiKey: isApiKeyProvider,',
      'private cachedToken: CachedToken | null = null;',
      'export type Token = SourceToken | ErrorToken | FlowScalar;',
      'password = newPassword;',
      'const sessionsToken = sessionsTokenFromSecret(work.secret);',
      'body.fallback_credit_token = creditTokenParam(creditToken);',
      'const key_value = encodeValuesOnly ? prefix : key;',
      "var name = isDuplex ? duplexKey : 'highWaterMark';",
      "const pass = 'pa$$word'",
      "password: 'P@ssw0rd'",
      "headers: { 'X-TOKEN-SECRET': 'SuperSecretToken' }",
      'if (pkcs8.indexOf("-----BEGIN PRIVATE KEY-----") !== 0) throw new TypeError()',
      'A PKCS#8 file starts with -----BEGIN PRIVATE KEY----- and you must never commit it.',
    ];
    const flagged = code.filter((t) => scanner.scan(t).flagged);
    assert.deepEqual(flagged, []);
  });
  it('literals in the same positions are still secrets', () => {
    const v = pick(AN, 32);
    assertFlagged(`const config = { apiKey: "${v}", retries: 3 };`, 'secret_assignment');
    assertFlagged(`{user: admin, password: ${pick(UP, 2)}${pick(LO, 4)}${pick(DG, 3)}${pick(LO, 2)}}`, 'password_assignment');
    assertFlagged(`Server=db;Password=${pick(UP, 2)}${pick(LO, 5)}${pick(DG, 3)};`, 'password_assignment');
  });
});

describe('secrets: .pgpass lines, JDBC getConnection, Mailgun, Telegram URLs, generated passwords', () => {
  it('each credential in its own shape', () => {
    const pw = `${pick(UP, 4)}${pick(DG, 4)}${pick(LO, 8)}`;
    assertFlagged(`add this to ~/.pgpass:\nanalytics-db.internal:5432:warehouse:report_ro:${pw}`, 'password_assignment');
    assertFlagged(`Connection c = DriverManager.getConnection(url, "ledger_app", "${pw}@?&4");`, 'password_assignment');
    assertFlagged(
      `requests.post("https://api.mailgun.net/v3/mg.acme.io/messages", auth=("api", "key-${pick('0123456789abcdef', 32)}"))`,
      'mailgun_api_key',
    );
    assertFlagged(`BOT_URL = "https://api.telegram.org/bot${pick(DG, 10)}:AA${pick(AN, 33)}/sendMessage"`, 'telegram_bot_token');
    // a generator's password, quoted, whose symbols read as code or a path elsewhere
    assertFlagged(`define( 'DB_PASSWORD', 'M9])DDNrvR{RF9b]CyH+' );`, 'password_assignment');
    assertFlagged(`redis:\n  auth:\n    password: ".hUwvhUfrw.5c5Prqr_0ttKap3"`, 'password_assignment');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template is the input under test
    assertFlagged('POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-Hq7mZ2vR9xLp}', 'password_assignment');
  });
  it('the same shapes without a secret', () => {
    for (const t of [
      '*:5432:*:app:secret',
      'localhost:5432:mydb:postgres:postgres',
      'connecting to db.internal:5432:timeout after 30s:retry:3',
      'DriverManager.getConnection(url, user, password);',
      'DriverManager.getConnection(url, "sa", "password");',
      `cache key-${pick('0123456789abcdef', 32)} expired`,
      'https://api.telegram.org/bot110201543:AAHdqTcvCH1vGWJxfSe1ofSAs0K5PALDsaw/getMe',
      'password: "@Model.Password"',
      'password: "(none)"',
      "password = '../secrets/Db_Pass1.txt'",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template is the input under test
      'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}',
    ])
      assertClean(t);
  });
});

describe('secrets: adversarial inputs finish in bounded time', () => {
  const size = 100_000;
  const inputs: Record<string, string> = {
    'a run': 'a'.repeat(size),
    dashes: '-'.repeat(size),
    digits: '7'.repeat(size),
    'at signs': '@'.repeat(size),
    base64: 'QUJD+/='.repeat(size / 7),
    whitespace: ' \t\n'.repeat(size / 3),
    'BEGIN lines without END': '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(size / 32),
    'eyJ repeated': 'eyJ.'.repeat(size / 4),
    'keywords and operators': 'password=token:secret=key:'.repeat(size / 26),
    'url prefixes': 'https://a:'.repeat(size / 10),
    'slack-like': 'xoxb-1234567890-'.repeat(size / 16),
    'dots and words': 'abcdef.'.repeat(size / 7),
    hex: '0123456789abcdef'.repeat(size / 16),
    'sas query': '&sv=1&sig='.repeat(size / 10),
    'oracle jdbc': 'jdbc:oracle:thin:a/'.repeat(size / 19),
    'cli flags': 'mysql -p'.repeat(size / 8),
    'prose operator': 'password is '.repeat(size / 12),
    'grafana prefix': 'eyJrIjoi'.repeat(size / 8),
    'softlayer urls': 'api.softlayer.com/soap/v3/'.repeat(size / 26),
    'key attributes': '<add key="ApiKey" value='.repeat(size / 26),
    'quoted schemes': '"Authorization": "Bearer '.repeat(size / 25),
    'jwk members': '{"kty":"EC","d":"'.repeat(size / 17),
    'jwk without braces': '"kty":"RSA",'.repeat(size / 12),
    'odbc braces': ';PWD={'.repeat(size / 6),
    'sql server flags': 'sqlcmd -P '.repeat(size / 10),
    'typed declarations': 'token: string '.repeat(size / 14),
    'block scalars': 'token: |\n'.repeat(size / 9),
    'xml elements on lines': '<apiToken>\n '.repeat(size / 12),
    'name/value members': '{"name": "api_token", '.repeat(size / 22),
    'append operators': 'token += '.repeat(size / 9),
    'vendor prefixes': 'dp.st.secret_pat.sl.LTAIsk.eyJ'.repeat(size / 30),
    'base64 BEGIN lines': ' LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ'.repeat(size / 43),
    'xml rsa elements': '<RSAKeyValue><D>'.repeat(size / 16),
    'pem header lines': `-----BEGIN RSA PRIVATE KEY-----\n${'Proc-Type: 4,ENCRYPTED\n'.repeat(size / 23)}`,
    'netrc machines': 'machine a login b password '.repeat(size / 27),
    'zero-width characters': 'ghp_\u200bAb3\u2060'.repeat(size / 9),
    'setter calls': '.setApiKey('.repeat(size / 11),
    fallbacks: 'key = a.API_KEY || '.repeat(size / 19),
    'cookie pairs': 'Cookie: a=b; '.repeat(size / 13),
    'table cells': '| token | '.repeat(size / 10),
    'many access key ids': 'AKIAQWERTYUIOPASDFGH '.repeat(size / 21),
    'many password assignments': 'password=Hq7mX2pL9vRt '.repeat(size / 22),
    'pgpass port anchors': ':5432:'.repeat(size / 6),
    'pgpass fields on one line': 'a:5432:b:c:'.repeat(size / 11),
    'getConnection calls': 'getConnection("a", "b", '.repeat(size / 24),
    'shell parameter defaults': '${DB_PASSWORD:-'.repeat(size / 15),
    'damaged jwt headers': `${Buffer.from(`{"alg":'z'}`).toString('base64url')}.`.repeat(size / 16),
    'credential calls': 'NetworkCredential("a", '.repeat(size / 23),
    'go dsn tails': 'a:b@tcp('.repeat(size / 8),
    'go dsn long login': `${'a:'.repeat(size / 2)}@tcp(h)/d`,
    'docker config anchors': 'eyJhdXRocyI6 '.repeat(size / 13),
    'docker config body': `eyJhdXRocyI6${'eyJhdXRoIjoi'.repeat(size / 12)}`,
    'registry logins': 'docker login -p '.repeat(size / 16),
    'DER openings': 'MII '.repeat(size / 4),
    'DER key headers': 'MIIEvQIBADAN+'.repeat(size / 13),
    'password words in other scripts': '密码是 пароль: パスワードは'.repeat(size / 19),
    'base64 url prefixes': ' cG9zdGdyZXM6Ly9'.repeat(size / 16),
    'sealed-looking values': `password: Ag${'A'.repeat(300)}\n`.repeat(size / 314),
    'crypt hash openings': 'u:$2y$u:$6$u:$apr1$'.repeat(size / 19),
    'long crypt lines': `root:$6$${'a'.repeat(size)}`,
    'plist keys without ends': '<key>api_key '.repeat(size / 13),
    'password qualifiers': 'the password for the a b c d '.repeat(size / 29),
    'words and numbers': 'password: a-b.c_d1 '.repeat(size / 19),
    'joined literals': '"ghp_a" + '.repeat(size / 10),
    'literals on lines': '"ghp_a"\n'.repeat(size / 8),
    'quotes and spaces': `'${' '.repeat(90)}`.repeat(size / 91),
    'joints in one long window': `token = "${'a" .. "b'.repeat(size / 8)}"`,
  };
  for (const [name, text] of Object.entries(inputs)) {
    it(name, () => {
      const t = process.hrtime.bigint();
      scanner.scan(text);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      assert.ok(ms < 1000, `${name}: ${ms.toFixed(0)} ms`);
    });
  }
});

describe('secrets: password hashes, property lists, passwords told in sentences', () => {
  it('flags crypt(3) and {SHA} hashes on htpasswd and shadow lines, not a hash quoted in prose or a broken one', () => {
    const bcrypt = `$2y$10$${pick(AN, 53)}`;
    const md5 = `$apr1$${pick(AN, 8)}$${pick(AN, 22)}`;
    const sha = `{SHA}${Buffer.from(pick(AN, 20)).toString('base64')}`;
    const shadow = `$6$rounds=5000$${pick(AN, 16)}$${pick(AN, 86)}`;
    const text = `admin:${bcrypt}\ngrafana:${md5}\nbackup:${sha}`;
    const found = scanner
      .scan(text)
      .findings.filter((f) => f.type === 'password_hash' && f.score >= 0.5)
      .map((f) => text.slice(f.start, f.end));
    assert.deepEqual(found, [bcrypt, md5, sha]);
    assertFlagged(`root:${shadow}:19500:0:99999:7:::`, 'password_hash');
    assertClean(`bcrypt hashes look like ${bcrypt} in the docs`);
    assertClean('admin:$2y$10$tooShortToBeAHash');
    assertClean('root:!:19500:0:99999:7:::');
  });
  it("reads a property list's <key>…</key><string>…</string> pair: the key names the secret", () => {
    const v = pick(AN, 32);
    assertFlagged(`<key>RevenueCatAPIKey</key>\n\t<string>appl_${v}</string>`, 'secret_assignment');
    assertClean(
      '<dict>\n\t<key>CFBundleDisplayName</key>\n\t<string>$(PRODUCT_NAME)</string>\n\t<key>RevenueCatAPIKey</key>\n\t<string>$(REVENUECAT_API_KEY)</string>\n</dict>',
    );
  });
  it("git's signingkey is a public GPG key id; a signing key's secret is not", () => {
    assertClean('[user]\n    name = Ana Ribeiro\n    signingkey = 7DB1167EC02E06A1');
    assertFlagged(`JWT_SIGNING_KEY = "${pick(AN, 48)}"`, 'secret_assignment');
  });
  it('a Basic header whose password has spaces', () => {
    assertFlagged(`"authorization":"Basic ${Buffer.from('etl:cobalt meadow orca90').toString('base64')}"`, 'basic_auth_header');
  });
  it('generated passphrases: words joined by one separator, ending in a number', () => {
    for (const v of ['falcon.copper.thistle52', 'maple-pelican-bramble7', 'Hunter-Kestrel-77'])
      assertFlagged(`Temporary password: ${v}`, 'password_assignment');
    for (const v of ['settings.db.password1', 'release-notes-2024', 'hunter-kestrel-77', 'config.get.value2'])
      assertClean(`password: ${v}`);
  });
  it('a password named with words saying which one, in several languages; not a sentence going on', () => {
    for (const t of [
      'the password for the FTP server is Ana289@',
      'The wifi password is Osaka&2026',
      'la clave del wifi es Osaka&2026',
      'La password del server FTP è Ana289@',
      'das Passwort für den FTP-Server lautet Ana289@',
      'the password to the NAS: Ana289@x',
      'le mot de passe du NAS est Ana289@x',
    ])
      assertFlagged(t, 'password_assignment');
    for (const t of [
      'the password for the account is Changed weekly',
      'The password for this account is stored in 1Password.',
      'the password for the account is expired',
      'la palabra clave es Python3',
      'Password for reset: see https://example.com/reset',
    ])
      assertClean(t);
  });
});

describe('secrets: JDBC getConnection arguments wrapped over lines', () => {
  it('reads the password of a call whose arguments start on the next line', () => {
    assertFlagged(
      'Connection conn = DriverManager.getConnection(\n    "jdbc:oracle:thin:@ora-prod.corp.local:1521/ORCLPDB1", "billing", "EUxsFU6BHBZqnY8J7L!GxW");',
      'password_assignment',
    );
  });
});

describe('secrets: credentials files with several profiles, Basic credentials in code strings', () => {
  it('finds each profile secret, one that starts with a slash too', () => {
    const key = () => `AKIA${pick(UP + DG, 16)}`;
    const s1 = `${pick(AN, 20)}/${pick(AN, 9)}+${pick(AN, 9)}`;
    const s2 = `/${pick(AN, 12)}/++${pick(AN, 13)}+${pick(AN, 10)}`;
    const text = `[default]\naws_access_key_id = ${key()}\naws_secret_access_key = ${s1}\n\n[billing]\naws_access_key_id = ${key()}\naws_secret_access_key = ${s2}\nregion = us-east-1`;
    const found = scanner
      .scan(text)
      .findings.filter((f) => f.type === 'aws_secret_key' && f.score >= 0.5)
      .map((f) => text.slice(f.start, f.end));
    assert.deepEqual(found.sort(), [s1, s2].sort());
    assertFlagged(`aws_secret_access_key = ${s2}`, 'aws_secret_key');
    // the name fixes the format: a path or a filler there is none
    assertClean('aws_secret_access_key = /etc/aws/credentials/secret-key-file.txt');
    assertClean(`aws_secret_access_key = ${'x'.repeat(40)}`);
  });

  it('finds a Basic credential that opens a string of code', () => {
    const pair = Buffer.from(`svc-metrics:${pick(AN, 14)}`).toString('base64');
    assertFlagged(`headers.insert(AUTHORIZATION, HeaderValue::from_static("Basic ${pair}"));`, 'basic_auth_header');
    assertFlagged(`req.set('Authorization', 'Basic ${pair}')`, 'basic_auth_header');
    // not base64 of user:password, or the value is built elsewhere
    assertClean(`const h = "Basic ${Buffer.from('just some text').toString('base64')}";`);
    assertClean("const h = 'Basic ' + btoa(user + ':' + pass);");
    assertClean('The docs say: "Basic authentication is deprecated".');
  });
});

describe('secrets: credential calls, SQL and PowerShell passwords, passwords in other scripts', () => {
  const strong = () => `${pick(UP, 2)}${pick(DG, 2)}!${pick(LO, 3)}${pick(AN, 5)}`;

  it('reads the password argument of calls that take a user and a password', () => {
    const cases = [
      (p: string) => `Credentials = new NetworkCredential("alerts@fabrikam.com", "${p}")`,
      (p: string) => `return new PasswordAuthentication("mailer", "${p}".toCharArray());`,
      (p: string) => `r = requests.get(url, auth=("svc-report", "${p}"))`,
      (p: string) => `req.SetBasicAuth("deploy", "${p}")`,
      (p: string) => `$pdo = new PDO($dsn, 'shop_rw', '${p}');`,
      (p: string) => `server.login("noreply@corp.io", "${p}")`,
      (p: string) => `req.basic_auth "ops", "${p}"`,
      (p: string) => `my $dbh = DBI->connect($dsn, "etl", "${p}", { RaiseError => 1 });`,
      // a (user, password) tuple assigned to an *auth name
      (p: string) => `session.auth = ("svc-report", "${p}")`,
      (p: string) => `ZD_AUTH = ("ops@acme.io/token", "${p}")`,
    ];
    for (const make of cases) {
      const p = strong();
      const text = make(p);
      const f = scanner.scan(text).findings.find((x) => x.score >= 0.5);
      assert.equal(f && text.slice(f.start, f.end), p, text);
    }
  });

  it('leaves calls with variables, placeholders and non-credential arguments alone', () => {
    assertClean('server.login(user, password)');
    assertClean('auth = HTTPBasicAuth("user", "password")');
    assertClean('var c = new NetworkCredential(userName, ReadSecret("smtp"));');
    assertClean('history.login("2024-01-01", "2024-01-31")');
    assertClean('login("alice", "hunter-two")');
  });

  it('reports a vendor key passed as the password as that vendor key', () => {
    assertFlagged(
      `requests.post("https://api.mailgun.net/v3/mg.acme.io/messages", auth=("api", "key-${pick('0123456789abcdef', 32)}"))`,
      'mailgun_api_key',
    );
  });

  it('finds SQL and PowerShell password literals', () => {
    for (const make of [
      (p: string) => `CREATE USER 'report'@'%' IDENTIFIED BY '${p}';`,
      (p: string) => `ALTER ROLE app_rw WITH LOGIN PASSWORD '${p}';`,
      (p: string) => `$sec = ConvertTo-SecureString "${p}" -AsPlainText -Force`,
      (p: string) => `$sec = ConvertTo-SecureString -String '${p}' -AsPlainText -Force`,
    ])
      assertFlagged(make(strong()), 'password_assignment');
    assertClean("CREATE USER bob IDENTIFIED BY 'password';");
    assertClean('$sec = ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force');
  });

  it('finds a password told in Chinese, Japanese, Korean, Russian and Vietnamese', () => {
    for (const make of [
      (p: string) => `王磊：测试环境的 Redis 密码是 ${p} ，地址 10.8.3.15:6379`,
      (p: string) => `パスワードは「${p}」です。`,
      (p: string) => `VPN 비밀번호는 ${p} 입니다`,
      (p: string) => `пароль от сервера: ${p}`,
      (p: string) => `mật khẩu là ${p}`,
      (p: string) => `初始密码已修改为 ${p}`,
    ])
      assertFlagged(make(strong()), 'password_assignment');
    for (const text of [
      '密码错误 3 次后锁定',
      '重置密码链接已发送到 test.user@example.com',
      '密码长度至少 8 位',
      'Пароль должен содержать не менее 8 символов',
      'パスワードを忘れた場合は https://example.com/reset へ',
      '비밀번호는 영문과 숫자를 섞어 주세요',
    ])
      assertClean(text);
  });

  it('finds nearly every key Django and WordPress generate (any first character, any run of letters, all eight wp-config names)', () => {
    // Django's get_random_secret_key draws 50 characters from this alphabet (half lower-case
    // letters, so runs of them are common); WordPress' salt generator 64 from printable ASCII.
    const djangoAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
    const wpAlphabet = `${AN}!@#$%^&*()-_[]{}<>~\`+=,.;:/?|`;
    const draws = 400;
    let django = 0;
    let wordpress = 0;
    for (let i = 0; i < draws; i++) {
      if (scanner.scan(`SECRET_KEY = "${pick(djangoAlphabet, 50)}"`).flagged) django++;
      const name = ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE'][i % 4] + (i % 8 < 4 ? '_KEY' : '_SALT');
      if (scanner.scan(`define( '${name}', '${pick(wpAlphabet, 64)}' );`).flagged) wordpress++;
    }
    assert.ok(django >= draws * 0.98, `Django keys: ${django} of ${draws}`);
    assert.ok(wordpress >= draws * 0.98, `WordPress salts: ${wordpress} of ${draws}`);
  });
  it('finds generated framework keys full of symbols, and Redis passwords', () => {
    const django = pick('abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)', 50);
    assertFlagged(`SECRET_KEY = "${django}"`, 'secret_assignment');
    assertFlagged(`SECRET_KEY = 'django-insecure-${django}'`, 'secret_assignment');
    const salt = pick(`${AN}!#%&()*+,-./:;<=>?@[]^_{|}~`, 64).replace(/'/g, '');
    assertFlagged(`define( 'AUTH_KEY', '${salt}' );`, 'secret_assignment');
    assertFlagged(`command: ["redis-server", "--requirepass", "${pick(AN, 24)}"]`, 'password_assignment');
    assertFlagged(`requirepass ${strong()}`, 'password_assignment');
    // code and regular expressions under a key's name are not generated keys
    assertClean('SECRET_KEY = "(function(){return window.__cfg.secret})()"');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template is the input under test
    assertClean('SECRET_KEY = "${DJANGO_SECRET_KEY:-changeme-before-deploying-to-prod}"');
    assertClean("define( 'AUTH_KEY', '{{ wordpress_auth_key_from_vault_kv_path }}' );");
    assertClean("define( 'AUTH_KEY', '<%= node['wordpress']['keys']['auth'] %>' );");
    assertClean("api_key_pattern = '^[a-z0-9]{32}(?:-[a-z0-9]{8})*$'");
  });

  it('decodes base64 values that hold a URL with credentials', () => {
    const dsn = Buffer.from(`postgres://billing:${pick(AN, 24)}@billing-db:5432/billing`).toString('base64');
    assertFlagged(`data:\n  DATABASE_URL: ${dsn}`, 'database_connection_string');
    assertClean(`data:\n  API_URL: ${Buffer.from('https://api.example.com/v1/users').toString('base64')}`);
  });

  it('does not flag published emulator keys or sealed ciphertext', () => {
    assertClean(
      'BlobEmulator: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"',
    );
    const sealed = `Ag${pick(`${AN}+/`, 400)}==`;
    assertClean(`apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    DB_PASSWORD: ${sealed}`);
    // the same value in a plain Secret is not ciphertext
    assert.ok(scanner.scan(`kind: Secret\nstringData:\n  DB_PASSWORD: ${sealed}`).flagged);
  });

  it('finds Tencent Cloud SecretIds', () => {
    assertFlagged(`secret_id = AKID${pick(UP, 4)}${pick(LO, 4)}${pick(DG, 4)}${pick(AN, 20)}`, 'tencent_secret_id');
    assertClean('AKID is the prefix of a Tencent Cloud SecretId');
  });
});
