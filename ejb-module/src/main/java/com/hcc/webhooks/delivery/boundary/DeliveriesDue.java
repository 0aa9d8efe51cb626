package com.hcc.webhooks.delivery.boundary;

import java.util.List;

/**
 * Deliveries that can go now: new ones from the intake, or the next of an ordered sequence whose predecessor
 * finished. Fired inside a transaction and observed after it commits, so only stored state is acted on.
 */
public record DeliveriesDue(List<Long> ids) {
}
