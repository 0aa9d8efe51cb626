package com.hcc.webhooks.delivery.boundary;

import java.util.List;

/** Fired inside the intake transaction; observed after it commits, so only stored deliveries are sent. */
public record DeliveriesCreated(List<Long> ids) {
}
