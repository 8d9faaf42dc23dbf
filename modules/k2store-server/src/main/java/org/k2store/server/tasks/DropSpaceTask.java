package org.k2store.server.tasks;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.k2store.server.backend.SpaceStores;
import org.k2store.server.wire.SpaceName;

/**
 * {@code POST /tasks/drop-space?space=<base64url>} on the admin port: forgets a space (its name is
 * free again, its data unreachable). An operator action, so it lives on the admin port, not in the
 * tenant API. Other service nodes keep their cached store of it until it expires or they restart.
 */
public final class DropSpaceTask extends Task {

    private final SpaceStores stores;

    public DropSpaceTask(SpaceStores stores) {
        super("drop-space");
        this.stores = stores;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        List<String> spaces = parameters.getOrDefault("space", List.of());
        if (spaces.size() != 1) {
            throw new IllegalArgumentException("give exactly one space parameter: ?space=<base64url space id>");
        }
        String space = SpaceName.parse(spaces.get(0));
        output.println(stores.drop(space) ? "dropped space " + space : "no space " + space);
    }
}
