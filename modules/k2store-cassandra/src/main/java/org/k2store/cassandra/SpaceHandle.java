package org.k2store.cassandra;

import java.util.UUID;
import org.k2store.api.SpaceSettings;

/** A space as stored: its name, the uid that keys its data, and its fixed settings. */
public record SpaceHandle(String name, UUID uid, SpaceSettings settings) {
}
