package dev.livestorejvm.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The store's Jackson mappers: one lenient for rows and values, one strict for event arguments.
 * Both write JSON as JavaScript's {@code JSON.stringify} does where LiveStore clients compare it:
 * numbers in JS form ({@link Values#jsNumber}: {@code 1.0} is {@code 1}), no {@code NaN} or
 * infinities (refused: {@code JSON.stringify} would write {@code null}, which LiveStore's
 * {@code Schema.Number} then refuses to decode on every client), instants as
 * {@code Date.toISOString()}; an empty {@link Optional} property is left out, as an
 * {@code undefined} optional field is.
 */
final class Json {
    /** Rows, JSON columns and hash inputs: dates as ISO strings. */
    static final ObjectMapper MAPPER = withOptionals(JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(jsDates())
        .addModule(jsNumbers())
        .addModule(optionals(false))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build());

    /**
     * Event arguments, as LiveStore's Effect schemas decode them. A record component (or creator
     * parameter) of type {@code T} is required and non-null ({@code Schema.T}); with
     * {@code @JsonSetter(nulls = Nulls.SET)} it is required and may be null ({@code Schema.NullOr(T)});
     * an {@code Optional<T>} component may be absent, which is {@code Optional.empty()}, but not null
     * ({@code Schema.optional(T)}: absent is not null). Unknown properties and mistyped values fail.
     */
    static final ObjectMapper ARGS = strictText(withOptionals(strictScalars(JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(jsDates())
        .addModule(jsNumbers())
        .addModule(optionals(true))
        .annotationIntrospector(new RequiredUnlessOptional())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        // required-ness comes from RequiredUnlessOptional: this flag would also refuse absent Optionals
        .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL))
        .build())));

    /** Every creator parameter (record component) is required unless it is an {@link Optional} or says otherwise. */
    private static final class RequiredUnlessOptional extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasRequiredMarker(AnnotatedMember m) {
            Boolean declared = super.hasRequiredMarker(m);
            if (Boolean.TRUE.equals(declared)) return true;
            if (m instanceof AnnotatedParameter) return !Optional.class.isAssignableFrom(m.getRawType());
            return declared;
        }
    }

    /**
     * Empty Optional properties are left out (NON_EMPTY asks {@link OptionalSerializer#isEmpty}), other
     * nulls stay; an Optional property's null and absence go to its deserializer, not to Nulls.FAIL.
     */
    private static ObjectMapper withOptionals(ObjectMapper m) {
        m.configOverride(Optional.class).setIncludeAsProperty(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null));
        m.configOverride(Optional.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SET)); // SET: ask the deserializer
        return m;
    }

    /** {@code refuseNull}: JSON null for an Optional fails (event arguments); otherwise it reads as empty (rows). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SimpleModule optionals(boolean refuseNull) {
        SimpleModule m = new SimpleModule("optionals");
        m.addSerializer((Class) Optional.class, new OptionalSerializer());
        m.addDeserializer((Class) Optional.class, new OptionalDeserializer(null, null, refuseNull));
        return m;
    }

    private static final class OptionalSerializer extends StdSerializer<Optional<?>> {
        @SuppressWarnings({"unchecked", "rawtypes"})
        OptionalSerializer() {
            super((Class) Optional.class);
        }

        @Override
        public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isPresent()) provider.defaultSerializeValue(value.get(), gen);
            else gen.writeNull(); // only inside arrays or maps: as a property it is left out
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Optional<?> value) {
            return value == null || value.isEmpty();
        }
    }

    /** An absent property is {@code Optional.empty()}; JSON null is refused or empty (see {@link #optionals}). */
    private static final class OptionalDeserializer extends StdDeserializer<Optional<?>> implements ContextualDeserializer {
        private final JavaType contentType;
        private final JsonDeserializer<Object> content;
        private final boolean refuseNull;

        OptionalDeserializer(JavaType contentType, JsonDeserializer<Object> content, boolean refuseNull) {
            super(Optional.class);
            this.contentType = contentType;
            this.content = content;
            this.refuseNull = refuseNull;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) throws JsonMappingException {
            JavaType t = property != null ? property.getType() : ctxt.getContextualType();
            JavaType c = t == null ? ctxt.constructType(Object.class) : t.containedTypeOrUnknown(0);
            return new OptionalDeserializer(c, ctxt.findContextualValueDeserializer(c, property), refuseNull);
        }

        @Override
        public Optional<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (content == null) return Optional.ofNullable(ctxt.readValue(p, Object.class));
            return Optional.ofNullable(content.deserialize(p, ctxt));
        }

        @Override
        public Optional<?> getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            if (refuseNull) {
                return ctxt.reportInputMismatch(this, "null for an Optional%s: leave the property out instead (Schema.optional)",
                    contentType == null ? "" : "<" + contentType.getRawClass().getSimpleName() + ">");
            }
            return Optional.empty();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Optional.empty();
        }
    }

    /** Doubles and floats as JavaScript prints numbers; NaN and infinities refused (see the class comment). */
    private static SimpleModule jsNumbers() {
        SimpleModule m = new SimpleModule("js-numbers");
        JsonSerializer<Number> numbers = new JsonSerializer<>() {
            @Override
            public void serialize(Number value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                double d = value.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw JsonMappingException.from(gen, "JSON has no " + value + " (JavaScript's JSON.stringify writes null, "
                        + "which LiveStore clients do not decode back into a number)");
                }
                gen.writeNumber(Values.jsNumber(value));
            }
        };
        m.addSerializer(Double.class, numbers);
        m.addSerializer(double.class, numbers);
        m.addSerializer(Float.class, numbers);
        m.addSerializer(float.class, numbers);
        return m;
    }

    /** Instants as {@code Date.toISOString()} writes them (always milliseconds), as Effect's Schema.Date encodes. */
    private static SimpleModule jsDates() {
        SimpleModule m = new SimpleModule("js-dates");
        m.addSerializer(Instant.class, new JsonSerializer<Instant>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(Values.isoString(value));
            }
        });
        return m;
    }

    /** No number read as a string, no string as a number or boolean: a mistyped argument fails. */
    private static ObjectMapper strictScalars(ObjectMapper m) {
        for (LogicalType t : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            m.coercionConfigFor(t)
                .setCoercion(CoercionInputShape.Integer, t == LogicalType.Integer || t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, t == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, t == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return m;
    }

    /**
     * Arguments are one JSON value and nothing after it, with each key once: text after the value
     * and duplicate keys (which other readers resolve differently) fail.
     */
    private static ObjectMapper strictText(ObjectMapper m) {
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return m;
    }

    private Json() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON text as plain Java values: Map, List, String, Number, Boolean, null. */
    static Object read(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
