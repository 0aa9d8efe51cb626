package com.hcc.webhooks.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void indentsWithoutTouchingValues() {
        assertEquals("""
                {
                  "headers": {
                    "Authorization": "test123****"
                  },
                  "json": {
                    "call_id": 11142,
                    "revenue": 1.50,
                    "dnis": "",
                    "call_final_event": null,
                    "tags": [],
                    "o": {},
                    "note": "a, b: {c} [d] \\"e\\""
                  }
                }""", JsonText.document("{\"Authorization\":\"test123****\"}",
                "{\"call_id\":11142, \"revenue\" : 1.50,\"dnis\":\"\",\"call_final_event\":null,\"tags\":[ ],"
                        + "\"o\":{},\"note\":\"a, b: {c} [d] \\\"e\\\"\"}"));
    }

    @Test
    void arraysOfObjectsNest() {
        assertEquals("[\n  {\n    \"a\": 1\n  },\n  2\n]", JsonText.pretty("[{\"a\":1},2]"));
    }

    @Test
    void textThatIsNotJsonComesBackAsItWas() {
        assertEquals("not json }", JsonText.pretty("not json }"));
        assertEquals("{\"a\":\"open", JsonText.pretty("{\"a\":\"open"));
    }
}
