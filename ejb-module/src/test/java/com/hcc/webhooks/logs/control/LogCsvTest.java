package com.hcc.webhooks.logs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogCsvTest {

    @Test
    void quotesWhatNeedsQuoting() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",,\"x\ny\"\r\n",
                LogCsv.line(Arrays.asList("a", "b,c", "say \"hi\"", null, "x\ny")));
    }

    @Test
    void formulasAreDefusedButNumbersStayNumbers() {
        assertEquals("'=HYPERLINK(1),'@x,-12,+1.5,'-x\r\n", LogCsv.line(Arrays.asList("=HYPERLINK(1)", "@x", "-12", "+1.5", "-x")));
    }
}
