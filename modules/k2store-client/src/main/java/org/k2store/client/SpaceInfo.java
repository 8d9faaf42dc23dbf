package org.k2store.client;

import org.k2store.api.SpaceSettings;

/** What {@code GET /v1/spaces/{space}} tells about a space: its fixed settings and how many ops it holds. */
public record SpaceInfo(SpaceSettings settings, long opCount) {
}
