// The todo schema of the store interop tests, on LiveStore 0.4.0 (adapter-node, file storage).
// usage: node todo-store.mjs <baseDir> <storeId> write|read
// write: commits the test's events, then prints the query results; read: only prints them.
import { makeAdapter } from '@livestore/adapter-node'
import { createStorePromise, State, Schema, Events, makeSchema } from '@livestore/livestore'
const [baseDir, storeId, mode] = process.argv.slice(2)
const todos = State.SQLite.table({ name:'todos', columns:{ id: State.SQLite.text({primaryKey:true}),
   text: State.SQLite.text({default:''}), completed: State.SQLite.boolean({default:false}),
   deletedAt: State.SQLite.integer({nullable:true, schema: Schema.DateFromNumber}) } })
const uiState = State.SQLite.clientDocument({ name:'uiState', schema: Schema.Struct({ newTodoText: Schema.String, filter: Schema.String }), default: { id: 'default', value: { newTodoText:'', filter:'all' } } })
const events = {
  todoCreated: Events.synced({ name:'v1.TodoCreated', schema: Schema.Struct({id:Schema.String, text:Schema.String}) }),
  todoCompleted: Events.synced({ name:'v1.TodoCompleted', schema: Schema.Struct({id:Schema.String}) }),
  todoDeleted: Events.synced({ name:'v1.TodoDeleted', schema: Schema.Struct({id:Schema.String, deletedAt: Schema.Date}) }),
  todoPurged: Events.synced({ name:'v1.TodoPurged', schema: Schema.Struct({id:Schema.String}) }),
  uiStateSet: uiState.set,
}
const materializers = State.SQLite.materializers(events, {
  'v1.TodoCreated': ({id,text}) => todos.insert({id,text,completed:false}),
  'v1.TodoCompleted': ({id}) => todos.update({completed:true}).where({id}),
  'v1.TodoDeleted': ({id, deletedAt}) => todos.update({deletedAt}).where({id}),
  'v1.TodoPurged': ({id}) => todos.delete().where({id}),
})
const schema = makeSchema({ events, state: State.SQLite.makeState({ tables: { todos, uiState }, materializers }) })
const adapter = makeAdapter({ storage: { type: 'fs', baseDirectory: baseDir }, clientId: 'node', sessionId: 'node-s' })
const store = await createStorePromise({ adapter, schema, storeId, disableDevtools: true })
if (mode === 'write') {
  store.commit(events.todoCreated({ id: 'a', text: 'milk' }), events.todoCreated({ id: 'b', text: 'bread' }), events.todoCreated({ id: 'c', text: 'eggs' }))
  store.commit(events.todoCompleted({ id: 'a' }))
  store.commit(events.todoDeleted({ id: 'b', deletedAt: new Date(1700000000000) }))
  store.commit(uiState.set({ newTodoText: 'hello' }))
  store.commit(events.todoPurged({ id: 'c' }))
  await new Promise(r => setTimeout(r, 500))
}
const out = {
  todos: store.query(todos.orderBy('id', 'asc')).map(t => ({ ...t, deletedAt: t.deletedAt ? t.deletedAt.getTime() : null })),
  visible: store.query(todos.where({ deletedAt: null }).orderBy('id', 'asc')).map(t => t.id),
  completedCount: store.query(todos.count().where({ completed: true })),
  ui: store.query(uiState.get('default')),
}
console.log(JSON.stringify(out))
await store.shutdownPromise()
process.exit(0)
