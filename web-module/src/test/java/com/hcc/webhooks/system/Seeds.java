package com.hcc.webhooks.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/** The four seed payloads of the product documentation: the contract. */
public enum Seeds {
    CALL_CREATED("call.created", "call-created.json"),
    CALL_ENDED("call.ended", "call-ended.json"),
    CALL_SAVED("call.saved", "call-saved.json"),
    REG_F_BLOCKED("lead.reg_f_blocked", "reg-f-blocked.json");

    public final String event;
    private final String file;

    Seeds(String event, String file) {
        this.event = event;
        this.file = file;
    }

    /** The seed's {@code json} object as compact text, as a dialer would send it. */
    public String json() throws Exception {
        try (Reader r = Files.newBufferedReader(Path.of(System.getProperty("seed.dir")).resolve(file))) {
            JsonObject seed = Json.createReader(r).readObject();
            return seed.getJsonObject("json").toString();
        }
    }

    public String accountId() throws Exception {
        try (Reader r = Files.newBufferedReader(Path.of(System.getProperty("seed.dir")).resolve(file))) {
            return Json.createReader(r).readObject().getJsonObject("json").getString("account_id");
        }
    }
}
