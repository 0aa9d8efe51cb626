package com.hcc.webhooks.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadFilterTest {

    static final JsonObject CALL = Json.createReader(new StringReader("{\"call_id\":11142,\"camp_id\":235,"
            + "\"call_type\":\"Outbound\",\"revenue\":0,\"is_abandoned\":false,\"call_final_event\":null,"
            + "\"talk_time\":10.5,\"lead\":{\"state\":\"TX\"}}")).readObject();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "camp_id == 235 => true",
            "camp_id == 236 => false",
            "camp_id != 236 => true",
            "call_type == \"Outbound\" => true",
            "call_type == \"Inbound\" => false",
            "camp_id == 235 && call_type == \"Outbound\" => true",
            "camp_id == 1 || call_type == \"Outbound\" => true",
            "!(camp_id == 235) => false",
            "talk_time > 10 => true",
            "talk_time >= 10.5 && talk_time <= 10.5 => true",
            "talk_time < 10 => false",
            "is_abandoned == false => true",
            "call_final_event == null => true",
            "missing_field == null => true",
            "missing_field > 1 => false",
            "call_type > 5 => false",
            "lead.state == \"TX\" => true",
            "(camp_id == 1 || camp_id == 235) && revenue == 0 => true"
    })
    void evaluates(String filter, boolean expected) {
        assertEquals(expected, PayloadFilter.parse(filter).matches(CALL));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "camp_id = 235 => unexpected '='",
            "camp_id == => expected a value",
            "camp_id == Outbound => quote strings",
            "camp_id == 235 && => ends where a condition",
            "(camp_id == 235 => ')' is missing",
            "call_type == \"Outb => unterminated string",
            "== 235 => expected a field name",
            "camp_id 235 => expected ==",
            "camp_id == 235 camp_id => unexpected 'camp_id'"
    })
    void explainsWhatIsWrong(String filter, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PayloadFilter.parse(filter));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
