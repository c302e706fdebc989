// One LiveStore 0.4.0 client (adapter-node, file storage) syncing through a sync-cf server with the
// stock makeWsSync or makeHttpSync. Driven line by line on stdin; answers one JSON line per command.
// usage: node --experimental-websocket sync-client.mjs <syncUrl> <ws|http> <baseDir> <storeId> <clientId> [syncPayloadJson]
// commands: create <id> <text> | rename <id> <text> | state | status | leader | quit
import { makeAdapter } from '@livestore/adapter-node'
import { createStorePromise, State, Schema, Events, makeSchema } from '@livestore/livestore'
import { makeWsSync, makeHttpSync } from '@livestore/sync-cf/client'
import readline from 'node:readline'

const [url, transport, baseDir, storeId, clientId, payloadJson] = process.argv.slice(2)
// the sync payload (e.g. {"authToken": ...}): sync-cf sends it in the URL and with every request
const syncPayload = payloadJson ? JSON.parse(payloadJson) : undefined
const todos = State.SQLite.table({ name: 'todos', columns: { id: State.SQLite.text({ primaryKey: true }),
  text: State.SQLite.text({ default: '' }), completed: State.SQLite.boolean({ default: false }) } })
const events = {
  todoCreated: Events.synced({ name: 'v1.TodoCreated', schema: Schema.Struct({ id: Schema.String, text: Schema.String }) }),
  // not commutative: the final text shows which rename the common order put last
  todoRenamed: Events.synced({ name: 'v1.TodoRenamed', schema: Schema.Struct({ id: Schema.String, text: Schema.String }) }),
}
const materializers = State.SQLite.materializers(events, {
  'v1.TodoCreated': ({ id, text }) => todos.insert({ id, text, completed: false }),
  'v1.TodoRenamed': ({ id, text }) => todos.update({ text }).where({ id }),
})
const schema = makeSchema({ events, state: State.SQLite.makeState({ tables: { todos }, materializers }) })
// counts the WebSockets this process opens: sync-cf reconnects silently after a ping timeout, so a test can only see it here
let socketsOpened = 0
if (globalThis.WebSocket !== undefined) {
  const Base = globalThis.WebSocket
  globalThis.WebSocket = class extends Base { constructor(...args) { super(...args); socketsOpened++ } }
}
// SYNC_PING_INTERVAL_MS: sync-cf's ping interval (default 10 s). A socket whose Pong is not read within one interval is
// replaced silently and its live pull is lost (see LiveStorePingTimeoutTest): a load test of many starved processes raises it
const pingOption = process.env.SYNC_PING_INTERVAL_MS ? { ping: { requestInterval: Number(process.env.SYNC_PING_INTERVAL_MS) } } : {}
const backend = transport === 'http' ? makeHttpSync({ url, livePull: { pollInterval: 500 } }) : makeWsSync({ url, ...pingOption })
const adapter = makeAdapter({ storage: { type: 'fs', baseDirectory: baseDir }, clientId, sessionId: clientId + '-s',
  sync: { backend, onSyncError: 'shutdown' } })
const store = await createStorePromise({ adapter, schema, storeId, syncPayload, disableDevtools: true })
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n')
say({ ready: clientId })

const rl = readline.createInterface({ input: process.stdin })
for await (const line of rl) {
  const [cmd, id, ...rest] = line.trim().split(' ')
  try {
    if (cmd === 'create') { store.commit(events.todoCreated({ id, text: rest.join(' ') })); say({ ok: cmd }) }
    else if (cmd === 'rename') { store.commit(events.todoRenamed({ id, text: rest.join(' ') })); say({ ok: cmd }) }
    else if (cmd === 'state') say({ todos: store.query(todos.orderBy('id', 'asc')) })
    // the session's own sync status: pendingCount 0 once its leader has taken every local commit
    else if (cmd === 'status') say({ status: store.syncStatus() })
    // the leader's sync state too (heads and pending events) and the WebSockets opened so far, for a test's failure message
    else if (cmd === 'leader') { const { leader } = await store._dev.syncStates(); say({ leader: leader.toJSON(), sockets: socketsOpened }) }
    else if (cmd === 'quit') break
    else say({ error: 'unknown command ' + cmd })
  } catch (e) { say({ error: String(e) }) }
}
await store.shutdownPromise()
process.exit(0)
