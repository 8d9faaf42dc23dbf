package org.k2store.client;

import org.k2store.api.SpaceSettings;

/** The answer of {@code PUT /v1/spaces/{space}}: the settings, and whether this call created the space. */
public record CreatedSpace(SpaceSettings settings, boolean created) {
}
