package com.hcc.webhooks.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InListsTest {

    @Test
    void aListNamesItsValuesRoundedUpToAPowerOfTwo() {
        assertEquals(1, InLists.size(0));
        assertEquals(1, InLists.size(1));
        assertEquals(2, InLists.size(2));
        assertEquals(4, InLists.size(3));
        assertEquals(4, InLists.size(4));
        assertEquals(8, InLists.size(5));
        assertEquals(128, InLists.size(100));
        assertEquals(1024, InLists.size(1024));
    }

    @Test
    void placeholdersAreNumberedFromWhereTheListStarts() {
        assertEquals("?1", InLists.placeholders(1, 1));
        assertEquals("?3, ?4, ?5, ?6", InLists.placeholders(3, 4));
    }

    @Test
    void valuesArePaddedWithTheLastOrStandInForNone() {
        assertEquals(List.of(-1L), InLists.padded(List.<Long>of(), -1L));
        assertEquals(List.of(7L), InLists.padded(List.of(7L), -1L));
        assertEquals(List.of(7L, 9L, 11L, 11L), InLists.padded(List.of(7L, 9L, 11L), -1L));
    }
}
