package org.k2store.cassandra;

import java.util.UUID;
import org.k2store.api.SpaceSettings;

/**
 * A space as stored: its name, the uid that keys its data, its fixed settings, and the bucket
 * layout its rows were written with ({@code layout}, as {@link BucketLayout#recorded()} spells it).
 */
public record SpaceHandle(String name, UUID uid, SpaceSettings settings, String layout) {
}
