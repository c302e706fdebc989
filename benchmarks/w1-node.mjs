// W1 on Node/V8, through the package's own JS API (sqlite-api.js), on the same binary the JVM runs.
// Usage: node benchmarks/w1-node.mjs <unpacked package dir> [rows=100000] [rounds=5] [wasm file]
//   (unpack with: mkdir -p /tmp/pkg && tar xzf wasm/target/wa-sqlite/livestore-wa-sqlite-0.4.0.tgz -C /tmp/pkg;
//    the package dir is then /tmp/pkg/package). The optional wasm file replaces the package's binary
//   (e.g. the outlined one), to check that it computes the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgDir, rowsArg, roundsArg, wasmFile] = process.argv.slice(2);
if (!pkgDir) {
  console.error('usage: node w1-node.mjs <package dir> [rows] [rounds] [wasm file]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 100000);
const rounds = Number(roundsArg ?? 5);
const { default: factory } = await import(pathToFileURL(join(pkgDir, 'dist/wa-sqlite.node.mjs')).href);
const SQLite = await import(pathToFileURL(join(pkgDir, 'src/sqlite-api.js')).href);
const module = await factory(wasmFile ? { wasmBinary: readFileSync(wasmFile) } : {});
const sqlite3 = SQLite.Factory(module);
const db = sqlite3.open_v2Sync(':memory:');

const run = (sql) => sqlite3.exec(db, sql);
const prepare = (sql) => sqlite3.statements(db, sql, { unscoped: true })[0];
const time = (f) => { const t0 = process.hrtime.bigint(); const r = f(); return [Number(process.hrtime.bigint() - t0) / 1e6, r]; };

function insert() {
  run('BEGIN');
  const st = prepare('INSERT INTO t(id, name) VALUES (?, ?)');
  for (let i = 1; i <= rows; i++) {
    sqlite3.bind_int(st, 1, i);
    sqlite3.bind_text(st, 2, 'name-' + i);
    sqlite3.step(st);
    sqlite3.reset(st);
  }
  sqlite3.finalize(st);
  run('COMMIT');
}

function pointSelects() {
  let sum = 0;
  const st = prepare('SELECT id, name FROM t WHERE id = ?');
  for (let i = 1; i <= rows; i++) {
    sqlite3.bind_int(st, 1, i);
    if (sqlite3.step(st) !== SQLite.SQLITE_ROW) throw new Error('row ' + i + ' missing');
    sum += sqlite3.column_int(st, 0) + sqlite3.column_text(st, 1).length;
    sqlite3.reset(st);
  }
  sqlite3.finalize(st);
  return sum;
}

function likeScan() {
  const st = prepare("SELECT sum(id), count(*) FROM t WHERE name LIKE '%7%'");
  sqlite3.step(st);
  const r = sqlite3.column_int64(st, 0) + BigInt(sqlite3.column_int(st, 1));
  sqlite3.finalize(st);
  return r;
}

function update(round) {
  run('BEGIN');
  const st = prepare('UPDATE t SET name = ? WHERE id = ?');
  for (let i = 1; i <= rows / 10; i++) {
    sqlite3.bind_text(st, 1, 'upd-' + i + '-' + round);
    sqlite3.bind_int(st, 2, i);
    sqlite3.step(st);
    sqlite3.reset(st);
  }
  sqlite3.finalize(st);
  run('COMMIT');
}

for (let r = 1; r <= rounds; r++) {
  run('DROP TABLE IF EXISTS t');
  run('CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT)');
  const [ins] = time(insert);
  const [sel, sum] = time(pointSelects);
  const [like, check] = time(likeScan);
  const [upd] = time(() => update(r));
  console.log(`node round ${r} (${rows} rows): insert ${ins.toFixed(1)} ms, point select ${sel.toFixed(1)} ms, ` +
    `like scan ${like.toFixed(1)} ms, update ${upd.toFixed(1)} ms (check ${BigInt(sum) + check})`);
}
sqlite3.close(db);
