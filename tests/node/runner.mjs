// Runs differential scripts on the web adapter's runtime: the very same wa-sqlite binary on V8,
// through the package's own JS API (src/sqlite-api.js over dist/wa-sqlite.node.mjs).
//
// One long-lived process: one JSON script per line on stdin, one JSON result per line on stdout,
// in order. The result format is produced identically by the JVM side (DifferentialRunner.java);
// keep the two in step.
//
// Where the JS API has no call for what we record (64-bit changes and rowids, extended codes, error
// offsets, the PRNG seed) or would alter the value, the exported C function is called directly on
// the same module. Two such quirks of the JS API (not of the binary): bind_text passes length -1,
// so a NUL ends the text; bind_blob of an empty array binds NULL (sqlite3_malloc(0) is NULL).
//
// Determinism (see also DifferentialRunner.java):
// - Randomness: SQLite seeds its PRNG once from the default VFS's xRandomness. Here the default VFS
//   is Emscripten's "unix" VFS, which reads /dev/urandom (crypto.randomFillSync); on the JVM it is
//   the runtime's Java VFS (SecureRandom). Both sides call sqlite3_test_control(PRNG_SEED, seed)
//   before each script, which makes SQLite restart its PRNG from the seed without asking the VFS.
// - Time: 'now' comes from the default VFS's xCurrentTimeInt64. Here: unixCurrentTimeInt64 ->
//   gettimeofday -> the emscripten_date_now import -> Date.now(), which we replace. On the JVM the
//   Java VFS reads the runtime's Clock (and emscripten_date_now reads it too).
// - Local time: the _localtime_js import uses JS Date in the process's time zone (process.env.TZ,
//   set per script); the JVM serves the same import from the Clock's zone.
// - Files: a script with storage "file" opens its main database as a file of the default VFS, which
//   here is Emscripten's unix VFS on MEMFS (real journal files, locks, syscalls) and on the JVM the
//   runtime's Java MemoryVfs through the relay.
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import * as SQLite from '@livestore/wa-sqlite'
import DefaultFactory from '@livestore/wa-sqlite/dist/wa-sqlite.node.mjs'
import Fts5Factory from '@livestore/wa-sqlite/dist/fts5/wa-sqlite.node.mjs'

const SQLITE_TESTCTRL_PRNG_SEED = 28
const SQLITE_OPEN_URI = 0x40
const SQLITE_OPEN_EXRESCODE = 0x02000000
const realNow = Date.now

const runtimes = {}
let fileCount = 0
async function runtime(binary) {
  if (!runtimes[binary]) {
    const module = await (binary === 'fts5' ? Fts5Factory : DefaultFactory)()
    runtimes[binary] = { module, sqlite3: SQLite.Factory(module) }
  }
  return runtimes[binary]
}

const hex = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
const fromHex = (s) => new Uint8Array(Buffer.from(s, 'hex'))
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex')
const f64 = new Float64Array(1)
const u64 = new BigUint64Array(f64.buffer)
const realBits = (d) => { f64[0] = d; return u64[0].toString(16).padStart(16, '0') }
const bitsReal = (h) => { u64[0] = BigInt('0x' + h); return f64[0] }

function int64(module, lo) {
  const hi = module.getTempRet0 ? module.getTempRet0() : module.___emscripten_tempret_get()
  return ((BigInt(hi) << 32n) | (BigInt(lo) & 0xffffffffn)).toString()
}

async function run(script, full) {
  const { module, sqlite3 } = await runtime(script.binary)
  process.env.TZ = script.zone
  Date.now = () => script.timeMillis
  const args = module._malloc(8)
  module.HEAP32[args >> 2] = script.seed
  module.HEAP32[(args >> 2) + 1] = 0
  const seeded = module._sqlite3_test_control(SQLITE_TESTCTRL_PRNG_SEED, args)
  module._free(args)
  if (seeded !== 0) throw new Error('sqlite3_test_control(PRNG_SEED) returned ' + seeded)

  const flags = SQLite.SQLITE_OPEN_CREATE | SQLite.SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
  const file = script.storage === 'file' ? `/tmp/differential-${++fileCount}.db` : ':memory:'
  const db = sqlite3.open_v2Sync(file, flags)
  const records = []
  let session = 0
  let changeset = null
  try {
    for (const step of script.steps) {
      switch (step.op) {
        case 'sql': records.push(runSql(module, sqlite3, db, step)); break
        case 'serialize': records.push({ images: images(sqlite3, db, full) }); break
        case 'session': {
          const r = { session: step.action }
          if (step.action === 'start') {
            if (session) sqlite3.session_delete(session)
            session = sqlite3.session_create(db, step.schema ?? 'main')
            for (const t of step.tables ?? [null]) sqlite3.session_attach(session, t)
            sqlite3.session_enable(session, true)
          } else if (step.action === 'changeset') {
            changeset = sqlite3.session_changeset(session).changeset ?? new Uint8Array(0)
            r.bytes = hex(changeset)
          } else if (step.action === 'invert') {
            changeset = changeset.length ? sqlite3.changeset_invert(changeset) : changeset
            r.bytes = hex(changeset)
          } else if (step.action === 'apply') {
            // LiveStore's rollback policy: REPLACE on DATA/CONFLICT, OMIT otherwise
            try {
              r.rc = sqlite3.changeset_apply(db, changeset, null, (e) => (e === 1 || e === 3 ? 1 : 0))
            } catch (e) {
              r.rc = e.code
            }
          } else if (step.action === 'end') {
            sqlite3.session_delete(session)
            session = 0
          }
          records.push(r)
          break
        }
        default: throw new Error('unknown step ' + step.op)
      }
    }
    records.push({ images: images(sqlite3, db, full) })
  } finally {
    if (session) sqlite3.session_delete(session)
    sqlite3.close(db)
    Date.now = realNow
    // The glue does not export FS, so closed files stay in MEMFS: names are never reused, and a
    // few kilobytes per file script is all they cost.
  }
  return records
}

function error(module, db, rc) {
  const ext = module._sqlite3_extended_errcode(db)
  const code = (ext & 0xff) === (rc & 0xff) ? ext : rc
  return { code, msg: module.UTF8ToString(module._sqlite3_errmsg(db)), off: module._sqlite3_error_offset(db) }
}

function runSql(module, sqlite3, db, step) {
  let stmts
  try {
    stmts = sqlite3.statements(db, step.sql, { unscoped: true })
  } catch (e) {
    return { prep: error(module, db, e.code) }
  }
  if (stmts.length !== 1) {
    stmts.forEach((s) => sqlite3.finalize(s))
    throw new Error(`expected one statement, got ${stmts.length}: ${step.sql}`)
  }
  const stmt = stmts[0]
  const r = {}
  try {
    (step.params ?? []).forEach((p, i) => bind(module, sqlite3, db, stmt, p.name ? sqlite3_bind_index(module, stmt, p.name) : i + 1, p))
  } catch (e) {
    r.bind = error(module, db, e.code)
  }
  if (!r.bind) {
    r.cols = sqlite3.column_names(stmt)
    r.rows = []
    try {
      while (sqlite3.step(stmt) === SQLite.SQLITE_ROW) {
        const row = []
        for (let c = 0; c < r.cols.length; c++) row.push(cell(sqlite3, stmt, c))
        r.rows.push(row)
      }
    } catch (e) {
      r.err = error(module, db, e.code)
    }
  }
  sqlite3.finalize(stmt)
  r.changes = int64(module, module._sqlite3_changes64(db))
  r.total = int64(module, module._sqlite3_total_changes64(db))
  r.rowid = int64(module, module._sqlite3_last_insert_rowid(db))
  r.auto = sqlite3.get_autocommit(db)
  return r
}

function sqlite3_bind_index(module, stmt, name) {
  const utf8 = new TextEncoder().encode(name)
  const z = module._sqlite3_malloc(utf8.length + 1)
  module.HEAPU8.set(utf8, z)
  module.HEAPU8[z + utf8.length] = 0
  try {
    return module._sqlite3_bind_parameter_index(stmt, z)
  } finally {
    module._sqlite3_free(z)
  }
}

function bind(module, sqlite3, db, stmt, i, p) {
  switch (p.t) {
    case 'null': return sqlite3.bind_null(stmt, i)
    case 'int': return sqlite3.bind_int64(stmt, i, BigInt(p.v))
    case 'real': return sqlite3.bind_double(stmt, i, bitsReal(p.bits))
    case 'blob': {
      const bytes = fromHex(p.hex)
      if (bytes.length) return sqlite3.bind_blob(stmt, i, bytes)
      // sqlite3.bind_blob copies into sqlite3_malloc(0), which is NULL, and SQLite binds a NULL
      // pointer as SQL NULL: the JS API turns an empty blob into NULL. Bind a real empty blob.
      return checked(module, db, module._sqlite3_bind_blob(stmt, i, tmpByte(module), 0, 0))
    }
    case 'zeroblob': return checked(module, db, module._sqlite3_bind_zeroblob(stmt, i, p.n))
    case 'text': {
      const bytes = fromHex(p.hex)
      if (!bytes.includes(0)) return sqlite3.bind_text(stmt, i, new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes))
      // sqlite3.bind_text passes -1 as the length: the text would end at the NUL
      const ptr = module._sqlite3_malloc(bytes.length + 1)
      module.HEAPU8.set(bytes, ptr)
      return checked(module, db, module._sqlite3_bind_text(stmt, i, ptr, bytes.length, module._getSqliteFree()))
    }
    default: throw new Error('unknown parameter type ' + p.t)
  }
}

function tmpByte(module) {
  module.oneByte ??= module._sqlite3_malloc(1)   // any non-NULL pointer: zero bytes are read from it
  return module.oneByte
}

function checked(module, db, rc) {
  if (rc !== 0) throw new SQLite.SQLiteError('bind', rc)
  return rc
}

function cell(sqlite3, stmt, c) {
  switch (sqlite3.column_type(stmt, c)) {
    case SQLite.SQLITE_INTEGER: return 'i:' + sqlite3.column_int64(stmt, c).toString()
    case SQLite.SQLITE_FLOAT: return 'r:' + realBits(sqlite3.column_double(stmt, c))
    case SQLite.SQLITE_TEXT: return 't:' + hex(sqlite3.column_blob(stmt, c) ?? new Uint8Array(0))
    case SQLite.SQLITE_BLOB: return 'b:' + hex(sqlite3.column_blob(stmt, c) ?? new Uint8Array(0))
    default: return 'n'
  }
}

function images(sqlite3, db, full) {
  const schemas = []
  sqlite3.exec(db, 'PRAGMA database_list', (row) => schemas.push(row[1]))
  return schemas.map((schema) => {
    const bytes = sqlite3.serialize(db, schema)
    const image = { schema, len: bytes.length, sha256: sha256(bytes) }
    if (full) image.hex = hex(bytes)
    return image
  })
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of lines) {
  if (!line.trim()) continue
  let id = null
  try {
    const request = JSON.parse(line)
    id = request.id
    const records = await run(request.script, request.full === true)
    process.stdout.write(JSON.stringify({ id, records }) + '\n')
  } catch (e) {
    process.stdout.write(JSON.stringify({ id, failure: String(e && e.stack ? e.stack : e) }) + '\n')
  }
}
