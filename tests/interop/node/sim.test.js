// The official Kaltura Node.js client (`kaltura-client` from npm: JSON wire format, its own multipart
// bodies, 0-based multirequests) against the simulator. Run with `node --test` from this folder; the
// simulator binary comes from KALTURA_SIM_BIN (default: target/debug/kaltura-sim of the repository).
//
// The client never settles a promise whose HTTP request itself fails, so every call goes through
// `call`, which gives up after a deadline, and every test has a timeout of its own.

'use strict';

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { after, before, test } = require('node:test');

const kaltura = require('kaltura-client');

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIXTURES = path.join(REPO, 'fixtures', 'media');

// The simulator's demo partner (see crates/kaltura-sim/README.md).
const PARTNER_ID = 100;
const ADMIN_SECRET = '5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e';
const USER_SECRET = '0ddba11c0ddba11c0ddba11c0ddba11c';

const CALL_DEADLINE_MS = 15000;
const TEST_TIMEOUT_MS = 40000;

let sim;
let serviceUrl;
let dataDir;

before(async () => {
  const target = process.env.CARGO_TARGET_DIR || path.join(REPO, 'target');
  const binary = process.env.KALTURA_SIM_BIN || path.join(target, 'debug', 'kaltura-sim');
  assert.ok(fs.existsSync(binary), `simulator binary not found at ${binary}`);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaltura-sim-node-'));
  sim = spawn(binary, ['--listen', '127.0.0.1:0', '--ready-delay-ms', '50', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: sim.stdout });
  const first = await withDeadline(
    new Promise((resolve) => lines.once('line', resolve)),
    30000,
    'the simulator announcing its address',
  );
  assert.match(first, /^listening on /);
  serviceUrl = first.slice('listening on '.length).trim();
});

after(() => {
  if (sim) {
    sim.kill('SIGTERM');
  }
  if (dataDir) {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

function withDeadline(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function newClient(ks) {
  const config = new kaltura.Configuration();
  config.serviceUrl = serviceUrl;
  config.timeout = CALL_DEADLINE_MS;
  config.setLogger({ log() {}, debug() {}, info() {}, warn() {}, error() {} });
  const client = new kaltura.Client(config);
  if (ks) {
    client.setKs(ks);
  }
  return client;
}

/** Executes a request (or multirequest) with a deadline. */
function call(client, request) {
  return withDeadline(request.execute(client), CALL_DEADLINE_MS, `${request.service}.${request.action}`);
}

async function adminClient() {
  const ks = await call(
    newClient(),
    kaltura.services.session.start(ADMIN_SECRET, 'admin', kaltura.enums.SessionType.ADMIN, PARTNER_ID),
  );
  return newClient(ks);
}

async function waitForStatus(client, entryId, status) {
  for (let i = 0; i < 100; i += 1) {
    const entry = await call(client, kaltura.services.media.get(entryId));
    // Real Kaltura sends this string enum as a number in JSON (kaltura-api-v3.md 3.3); the client's
    // constant is a string.
    if (String(entry.status) === String(status)) {
      return entry;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`entry ${entryId} never reached status ${status}`);
}

test('session.start answers admin and user sessions and refuses a wrong secret', { timeout: TEST_TIMEOUT_MS }, async () => {
  const client = newClient();
  const admin = await call(
    client,
    kaltura.services.session.start(ADMIN_SECRET, 'admin', kaltura.enums.SessionType.ADMIN, PARTNER_ID),
  );
  const user = await call(
    client,
    kaltura.services.session.start(USER_SECRET, 'viewer', kaltura.enums.SessionType.USER, PARTNER_ID),
  );
  assert.equal(typeof admin, 'string');
  assert.equal(typeof user, 'string');
  const count = await call(newClient(admin), kaltura.services.media.count());
  assert.equal(typeof count, 'number');
  await assert.rejects(
    call(client, kaltura.services.session.start('wrong', 'admin', kaltura.enums.SessionType.ADMIN, PARTNER_ID)),
    (error) => error.code === 'START_SESSION_ERROR',
  );
});

test('every chunk sent at once, the final one first, closes the token and readies the entry', { timeout: TEST_TIMEOUT_MS }, async () => {
  const client = await adminClient();
  const content = fs.readFileSync(path.join(FIXTURES, 'sample.mp4'));
  const token = await call(client, kaltura.services.uploadToken.add(new kaltura.objects.UploadToken()));
  // As the client's own test suite does: an empty first part, then the entry, then every chunk at once.
  const started = await call(client, kaltura.services.uploadToken.upload(token.id, Buffer.alloc(0), false, false, 0));
  assert.equal(started.status, kaltura.enums.UploadTokenStatus.PARTIAL_UPLOAD);
  const entry = await call(
    client,
    kaltura.services.media.add(new kaltura.objects.MediaEntry({
      name: 'chunked', mediaType: kaltura.enums.MediaType.VIDEO,
    })),
  );
  const resource = new kaltura.objects.UploadedFileTokenResource({ token: token.id });
  await call(client, kaltura.services.media.addContent(entry.id, resource));

  const size = Math.ceil(content.length / 4);
  const chunks = [];
  for (let offset = 0; offset < content.length; offset += size) {
    chunks.push({ offset, data: content.subarray(offset, offset + size) });
  }
  const last = chunks.pop();
  const finalUpload = call(
    client,
    kaltura.services.uploadToken.upload(token.id, last.data, true, true, last.offset),
  );
  const others = chunks.map((chunk) => call(
    client,
    kaltura.services.uploadToken.upload(token.id, chunk.data, true, false, chunk.offset),
  ));
  const [closed, ...partial] = await Promise.all([finalUpload, ...others]);

  for (const answer of partial) {
    assert.equal(answer.status, kaltura.enums.UploadTokenStatus.PARTIAL_UPLOAD);
  }
  assert.equal(closed.status, kaltura.enums.UploadTokenStatus.CLOSED);
  assert.equal(closed.uploadedFileSize, content.length);
  const ready = await waitForStatus(client, entry.id, kaltura.enums.EntryStatus.READY);
  assert.ok(ready.duration > 0);
});

test('media entries are added, read, updated, listed and deleted', { timeout: TEST_TIMEOUT_MS }, async () => {
  const client = await adminClient();
  const added = await call(
    client,
    kaltura.services.media.add(new kaltura.objects.MediaEntry({
      name: 'node עברית', description: 'from node', tags: 'a,b', mediaType: kaltura.enums.MediaType.VIDEO,
    })),
  );
  const fetched = await call(client, kaltura.services.media.get(added.id));
  assert.equal(fetched.name, 'node עברית');
  assert.equal(fetched.description, 'from node');

  const updated = await call(
    client,
    kaltura.services.media.update(added.id, new kaltura.objects.MediaEntry({ name: 'renamed' })),
  );
  assert.equal(updated.name, 'renamed');
  assert.equal(updated.description, 'from node');

  const filter = new kaltura.objects.MediaEntryFilter({ idEqual: added.id });
  const listed = await call(client, kaltura.services.media.listAction(filter));
  assert.equal(listed.totalCount, 1);
  assert.equal(listed.objects[0].id, added.id);

  await call(client, kaltura.services.media.deleteAction(added.id));
  await assert.rejects(
    call(client, kaltura.services.media.get(added.id)),
    (error) => error.code === 'ENTRY_ID_NOT_FOUND',
  );
});

test('thumbnails are added from an image and made default; an image entry has none of its own', { timeout: TEST_TIMEOUT_MS }, async () => {
  const client = await adminClient();
  const video = await call(
    client,
    kaltura.services.media.add(new kaltura.objects.MediaEntry({ name: 'v', mediaType: kaltura.enums.MediaType.VIDEO })),
  );
  const thumb = await call(
    client,
    kaltura.services.thumbAsset.addFromImage(video.id, path.join(FIXTURES, 'sample.jpg')),
  );
  await call(client, kaltura.services.thumbAsset.setAsDefault(thumb.id));
  const filter = new kaltura.objects.AssetFilter({ entryIdEqual: video.id });
  const thumbs = await call(client, kaltura.services.thumbAsset.listAction(filter));
  assert.equal(thumbs.totalCount, 1);
  assert.match(thumbs.objects[0].tags, /default_thumb/);
  const url = await call(client, kaltura.services.thumbAsset.getUrl(thumb.id));
  const served = await fetch(url, { signal: AbortSignal.timeout(CALL_DEADLINE_MS) });
  assert.equal(served.status, 200);
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), fs.readFileSync(path.join(FIXTURES, 'sample.jpg')));

  const image = await call(
    client,
    kaltura.services.media.addFromUploadedFile(
      new kaltura.objects.MediaEntry({ name: 'picture', mediaType: kaltura.enums.MediaType.IMAGE }),
      (await uploadWhole(client, path.join(FIXTURES, 'sample.png'))).id,
    ),
  );
  const ready = await waitForStatus(client, image.id, kaltura.enums.EntryStatus.READY);
  const imageThumbs = await call(
    client,
    kaltura.services.thumbAsset.listAction(new kaltura.objects.AssetFilter({ entryIdEqual: image.id })),
  );
  assert.equal(imageThumbs.totalCount, 0);
  const picture = await fetch(ready.thumbnailUrl, { signal: AbortSignal.timeout(CALL_DEADLINE_MS) });
  assert.equal(picture.status, 200);
  assert.match(picture.headers.get('content-type'), /^image\//);
});

async function uploadWhole(client, filePath) {
  const token = await call(client, kaltura.services.uploadToken.add(new kaltura.objects.UploadToken()));
  return call(client, kaltura.services.uploadToken.upload(token.id, filePath));
}

test('captions are added, given content and served', { timeout: TEST_TIMEOUT_MS }, async () => {
  const client = await adminClient();
  const entry = await call(
    client,
    kaltura.services.media.add(new kaltura.objects.MediaEntry({ name: 'c', mediaType: kaltura.enums.MediaType.VIDEO })),
  );
  const caption = await call(
    client,
    kaltura.services.captionAsset.add(entry.id, new kaltura.objects.CaptionAsset({
      language: kaltura.enums.Language.EN, format: kaltura.enums.CaptionType.SRT, label: 'English',
    })),
  );
  const srt = '1\n00:00:01,000 --> 00:00:02,000\nHello from node\n';
  await call(
    client,
    kaltura.services.captionAsset.setContent(caption.id, new kaltura.objects.StringResource({ content: srt })),
  );
  const listed = await call(
    client,
    kaltura.services.captionAsset.listAction(new kaltura.objects.AssetFilter({ entryIdEqual: entry.id })),
  );
  assert.equal(listed.totalCount, 1);
  assert.equal(listed.objects[0].language, 'English');
  const url = await call(client, kaltura.services.captionAsset.getUrl(caption.id));
  const served = await fetch(url, { signal: AbortSignal.timeout(CALL_DEADLINE_MS) });
  assert.equal(served.status, 200);
  assert.match(await served.text(), /Hello from node/);
});

test('a multirequest answers each call, a failing one as an error, with references to earlier results', { timeout: TEST_TIMEOUT_MS }, async () => {
  const client = await adminClient();
  const request = kaltura.services.media.add(new kaltura.objects.MediaEntry({
    name: 'first', mediaType: kaltura.enums.MediaType.VIDEO,
  }))
    .add(kaltura.services.media.get('0_nosuchid'))
    .add(kaltura.services.media.update('{1:result:id}', new kaltura.objects.MediaEntry({ name: 'second' })))
    .add(kaltura.services.media.get('{1:result:id}'));
  const results = await call(client, request);

  assert.equal(results.length, 4);
  assert.equal(results[1].code, 'ENTRY_ID_NOT_FOUND');
  assert.equal(results[2].id, results[0].id);
  assert.equal(results[2].name, 'second');
  assert.equal(results[3].name, 'second');
});
