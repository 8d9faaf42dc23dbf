package org.k2store.server.cli;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.security.SecureRandom;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.k2store.api.Base64Url;
import org.k2store.server.auth.TokenHashes;

/**
 * {@code hash-token [TOKEN]}: prints the SHA-256 hash to list under a tenant's {@code tokenSha256}.
 * Without a token it makes a new random one (256 bits) and prints both; only the hash belongs in
 * the configuration.
 */
public final class HashTokenCommand extends Command {

    public HashTokenCommand() {
        super("hash-token", "Print the SHA-256 hash of a bearer token (or of a new random token) for auth.tenants");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("token").nargs("?").help("the token to hash; omit to generate a new one");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        String token = namespace.getString("token");
        if (token == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            token = Base64Url.encode(random);
            System.out.println("token:  " + token);
            System.out.println("sha256: " + TokenHashes.sha256Hex(token));
        } else {
            System.out.println(TokenHashes.sha256Hex(token));
        }
    }
}
