package com.hcc.webhooks.platform.boundary;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Repairs what Payara 6's OpenAPI generator gets wrong, so that the document says what the annotations say
 * (configured as {@code mp.openapi.filter} in META-INF/microprofile-config.properties):
 * <ul>
 * <li>it writes every attribute of a {@code @Schema} annotation, defaults included ({@code minLength: 0},
 * {@code maxProperties: 0}, {@code nullable: false}, {@code multipleOf: 0}, {@code maxLength: 2147483647}, ...):
 * removed, they are the specification's defaults anyway, and {@code maxProperties: 0} would forbid every
 * property; an enumeration of text whose type it left out is a string;</li>
 * <li>it maps {@code long} to {@code number}: with {@code format: int64} it is an {@code integer}, and so is a
 * path parameter (every one in this API that is a number is a {@code long} id);</li>
 * <li>{@code @Schema(implementation = X.class)} inlines a copy of X instead of referring to it, and an array of X
 * becomes an "array with X's properties": each copy (recognised by the title that every {@link ApiSchemas} type
 * carries, its component name) is replaced by a {@code $ref}, in an array as its items;</li>
 * <li>it writes annotation examples and defaults as text: an integer's {@code "7"} becomes 7, a boolean's
 * {@code "true"} true, and JSON text for anything but a string becomes that object or array (as the
 * MicroProfile OpenAPI reference implementation reads them);</li>
 * <li>a class's {@code @Tag(name)} is added once more to the document's tags, without the description that
 * RestApplication gives it: the document keeps RestApplication's list;</li>
 * <li>a {@code @Parameter} on a path parameter comes out {@code required: false}, which OpenAPI forbids;</li>
 * <li>it cannot read {@code @Parameter} on a resource's field: the {@code accountId} path parameter that most
 * resources take as a field gets its description and example here.</li>
 * </ul>
 */
public class OpenApiFilter implements OASFilter {

    private static final String SCHEMAS = "#/components/schemas/";

    /** Component and property of every {@code Map<String, String>} in the API's schemas. */
    static final Map<String, String> STRING_MAPS = Map.of("LogRequest", "headers", "LogResponse", "headers",
            "Attempt", "requestHeaders");

    @Override
    public Schema filterSchema(Schema s) {
        if (Boolean.FALSE.equals(s.getExclusiveMaximum())) {
            s.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(s.getExclusiveMinimum())) {
            s.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(s.getUniqueItems())) {
            s.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(s.getNullable())) {
            s.setNullable(null);
        }
        if (Boolean.FALSE.equals(s.getReadOnly())) {
            s.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(s.getWriteOnly())) {
            s.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(s.getDeprecated())) {
            s.setDeprecated(null);
        }
        if (Integer.valueOf(0).equals(s.getMinLength())) {
            s.setMinLength(null);
        }
        if (Integer.valueOf(0).equals(s.getMaxProperties())) {
            s.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(s.getMinProperties())) {
            s.setMinProperties(null);
        }
        if (s.getMultipleOf() != null && s.getMultipleOf().signum() == 0) {
            s.setMultipleOf(null);
        }
        if (Integer.valueOf(Integer.MAX_VALUE).equals(s.getMaxLength())) {
            s.setMaxLength(null);
        }
        if (Integer.valueOf(Integer.MIN_VALUE).equals(s.getMaxItems())) {
            s.setMaxItems(null);
        }
        if (Integer.valueOf(Integer.MAX_VALUE).equals(s.getMinItems())) {
            s.setMinItems(null);
        }
        if (s.getType() == null && s.getEnumeration() != null && !s.getEnumeration().isEmpty()
                && s.getEnumeration().stream().allMatch(String.class::isInstance)) {
            s.setType(SchemaType.STRING);
        }
        if (s.getType() == SchemaType.NUMBER && "int64".equals(s.getFormat())) {
            s.setType(SchemaType.INTEGER);
        }
        s.setExample(typed(s.getExample(), s.getType()));
        s.setDefaultValue(typed(s.getDefaultValue(), s.getType()));
        return s;
    }

    @Override
    public Parameter filterParameter(Parameter p) {
        if (p.getIn() == Parameter.In.PATH) {
            p.setRequired(true);
            if (p.getSchema() != null && p.getSchema().getType() == SchemaType.NUMBER) {
                p.getSchema().type(SchemaType.INTEGER).format("int64");
            }
            if ("accountId".equals(p.getName()) && p.getDescription() == null) {
                p.setDescription("The account's id");
                p.setExample("12345678");
            }
        }
        if (Boolean.FALSE.equals(p.getDeprecated())) {
            p.setDeprecated(null);
        }
        if (Boolean.FALSE.equals(p.getAllowEmptyValue())) {
            p.setAllowEmptyValue(null);
        }
        if (Boolean.FALSE.equals(p.getAllowReserved())) {
            p.setAllowReserved(null);
        }
        if (p.getSchema() != null) {
            p.setExample(typed(p.getExample(), p.getSchema().getType()));
        }
        return p;
    }

    /** An example or default written as text in an annotation, as a value of the schema's type. */
    static Object typed(Object value, SchemaType type) {
        if (!(value instanceof String text) || text.isEmpty() || type == SchemaType.STRING) {
            return value;
        }
        try {
            if (type == SchemaType.INTEGER) {
                return Long.valueOf(text);
            }
            if (type == SchemaType.NUMBER) {
                return new java.math.BigDecimal(text);
            }
            if (type == SchemaType.BOOLEAN && (text.equals("true") || text.equals("false"))) {
                return Boolean.valueOf(text);
            }
        } catch (NumberFormatException e) {
            return value;
        }
        return json(text);
    }

    /** Text that is a JSON object or array, as maps and lists; anything else as it is. */
    static Object json(Object value) {
        if (!(value instanceof String text) || !(text.startsWith("{") || text.startsWith("["))) {
            return value;
        }
        try (jakarta.json.JsonReader r = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
            return plain(r.readValue());
        } catch (jakarta.json.JsonException e) {
            return value;
        }
    }

    private static Object plain(jakarta.json.JsonValue v) {
        switch (v.getValueType()) {
            case OBJECT:
                Map<String, Object> m = new LinkedHashMap<>();
                v.asJsonObject().forEach((k, x) -> m.put(k, plain(x)));
                return m;
            case ARRAY:
                return v.asJsonArray().stream().map(OpenApiFilter::plain).toList();
            case STRING:
                return ((jakarta.json.JsonString) v).getString();
            case NUMBER:
                jakarta.json.JsonNumber n = (jakarta.json.JsonNumber) v;
                return n.isIntegral() ? (Object) n.longValue() : n.bigDecimalValue();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if (Boolean.FALSE.equals(operation.getDeprecated())) {
            operation.setDeprecated(null);
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getTags() != null) {
            Map<String, Tag> tags = new LinkedHashMap<>();
            api.getTags().stream().filter(t -> t.getDescription() != null).forEach(t -> tags.putIfAbsent(t.getName(), t));
            api.getTags().stream().sorted(java.util.Comparator.comparing(Tag::getName))
                    .forEach(t -> tags.putIfAbsent(t.getName(), t));
            api.setTags(new java.util.ArrayList<>(tags.values()));
        }
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> named = api.getComponents().getSchemas();
        for (Schema component : named.values()) {
            properties(component, named);
            component.setTitle(null); // only the marker of the copies
        }
        // Maps of header names to values: Payara writes their value type on some starts and not on others (it
        // depends on which class its scanner reads first), so the document would differ from start to start.
        STRING_MAPS.forEach((component, property) -> {
            Schema c = named.get(component);
            Schema p = c == null || c.getProperties() == null ? null : c.getProperties().get(property);
            if (p != null) {
                p.setAdditionalPropertiesSchema(OASFactory.createSchema().type(SchemaType.STRING));
            }
        });
        if (api.getPaths() != null) {
            api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
                if (op.getParameters() != null) {
                    op.getParameters().forEach(p -> parameter(p, named));
                }
                if (op.getRequestBody() != null) {
                    content(op.getRequestBody().getContent(), named);
                }
                if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                    op.getResponses().getAPIResponses().values().forEach(r -> content(r.getContent(), named));
                }
            }));
        }
        if (api.getComponents().getResponses() != null) {
            api.getComponents().getResponses().values().forEach(r -> content(r.getContent(), named));
        }
    }

    private static void parameter(Parameter p, Map<String, Schema> named) {
        p.setSchema(reference(p.getSchema(), named));
        content(p.getContent(), named);
    }

    private static void content(Content content, Map<String, Schema> named) {
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType m : content.getMediaTypes().values()) {
                m.setSchema(reference(m.getSchema(), named));
                m.setExample(json(m.getExample()));
            }
        }
    }

    private static void properties(Schema s, Map<String, Schema> named) {
        if (s.getProperties() != null && !s.getProperties().isEmpty()) {
            Map<String, Schema> fixed = new LinkedHashMap<>();
            s.getProperties().forEach((name, p) -> fixed.put(name, reference(p, named)));
            s.setProperties(fixed);
        }
        if (s.getItems() != null) {
            s.setItems(reference(s.getItems(), named));
        }
    }

    /** The schema, or a reference to the component it is a copy of (an array of it: an array of references). */
    private static Schema reference(Schema s, Map<String, Schema> named) {
        if (s == null) {
            return null;
        }
        String title = s.getTitle();
        if (title != null && named.containsKey(title) && named.get(title) != s) {
            Schema ref = OASFactory.createSchema().ref(SCHEMAS + title);
            if (s.getType() == SchemaType.ARRAY) {
                String own = s.getDescription();
                return OASFactory.createSchema().type(SchemaType.ARRAY).items(ref)
                        .description(own == null || own.equals(named.get(title).getDescription()) ? null : own);
            }
            return ref;
        }
        properties(s, named);
        return s;
    }
}
