package dev.livestorejvm.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON that LiveStore hashes for a table ({@code trimInfoForHasing}) and for the state schema
 * ({@code {_tag:'dbSchema', tables}}), with {@code JSON.stringify}'s key order and number format.
 */
final class SchemaHash {
    private SchemaHash() {}

    static ObjectNode tableJson(Table t) {
        ObjectNode o = Json.object();
        o.put("_tag", "table");
        o.put("name", t.name());
        ArrayNode cols = o.putArray("columns");
        for (Column c : t.columns()) cols.add(columnJson(c));
        ArrayNode idx = o.putArray("indexes");
        for (Index i : t.indexes()) {
            ObjectNode n = idx.addObject();
            n.put("_tag", "index");
            ArrayNode ic = n.putArray("columns");
            i.columns().forEach(ic::add);
            n.put("name", i.name());
            n.put("unique", i.unique());
        }
        return o;
    }

    static long stateHash(List<Table> tables) {
        ObjectNode o = Json.object();
        o.put("_tag", "dbSchema");
        ArrayNode arr = o.putArray("tables");
        for (Table t : tables) arr.add(tableJson(t));
        return LiveStoreHash.of(o.toString());
    }

    private static ObjectNode columnJson(Column c) {
        ObjectNode n = Json.object();
        n.put("_tag", "column");
        n.put("name", c.name());
        n.put("type", c.kind().storage());
        n.put("primaryKey", c.isPrimaryKey());
        n.put("nullable", c.isNullable());
        n.put("autoIncrement", c.isAutoIncrement());
        ObjectNode d = n.putObject("default");
        d.put("_id", "Option");
        if (!c.hasDefault()) {
            d.put("_tag", "None");
        } else {
            d.put("_tag", "Some");
            Object v = c.defaultValue();
            // JSON.stringify of the decoded default: a Date becomes its ISO string
            if (v instanceof Instant) v = Values.isoString((Instant) v);
            d.set("value", jsNumbers(Json.MAPPER.valueToTree(v)));
        }
        c.jsonSchemaHash().ifPresent(h -> n.put("jsonSchemaHash", h));
        return n;
    }

    /** Integral doubles print as integers in JavaScript. */
    private static JsonNode jsNumbers(JsonNode node) {
        if (node instanceof DoubleNode || node instanceof FloatNode) {
            double d = node.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) return LongNode.valueOf((long) d);
            return node;
        }
        if (node instanceof ObjectNode) {
            ObjectNode o = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(jsNumbers(e.getValue()));
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) a.set(i, jsNumbers(a.get(i)));
        }
        return node;
    }
}
