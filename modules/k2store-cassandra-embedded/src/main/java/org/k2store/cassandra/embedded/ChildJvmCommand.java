package org.k2store.cassandra.embedded;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.k2store.cassandra.embedded.child.ChildMain;

/** The command line of the Cassandra child JVM: what Cassandra's own start scripts would pass. */
final class ChildJvmCommand {
  /**
   * The JPMS part of Cassandra 5.0's conf/jvm17-server.options (plus a few opens of java.base
   * packages that older 5.0.x files listed). Without them Cassandra fails at start-up on Java 17.
   */
  static final List<String> JPMS_OPTIONS = List.of(
      "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
      "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
      "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
      "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
      "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
      "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.base/java.io=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "--add-opens", "java.base/java.nio=ALL-UNNAMED",
      "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens", "java.base/java.net=ALL-UNNAMED",
      "--add-opens", "java.base/java.math=ALL-UNNAMED");

  private ChildJvmCommand() {}

  static List<String> build(Path java, CassandraClasspath classpath, NodeSettings node, NodeDirectories dirs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.add("-Xmx" + node.heap());
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-Djava.net.preferIPv4Stack=true");
    cmd.add("-Djdk.attach.allowAttachSelf=true");
    cmd.add("-javaagent:" + classpath.jammAgent());
    cmd.addAll(JPMS_OPTIONS);
    cmd.add("-Dio.netty.tryReflectionSetAccessible=true");
    cmd.add("-Dio.netty.allocator.useCacheForAllThreads=true");
    cmd.add("-Dio.netty.allocator.maxOrder=11");
    cmd.add("-Dcassandra.config=" + dirs.conf().resolve("cassandra.yaml").toUri());
    cmd.add("-Dcassandra.storagedir=" + dirs.root());
    cmd.add("-Dcassandra.logdir=" + dirs.logs());
    cmd.add("-Dcassandra.triggers_dir=" + dirs.triggers());
    cmd.add("-Dlogback.configurationFile=" + dirs.conf().resolve("logback.xml"));
    cmd.add("-Dcassandra-foreground=yes");
    cmd.add("-Dcassandra.jmx.local.port=" + node.jmxPort());
    cmd.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    if (node.soleNode()) {
      cmd.add("-Dcassandra.ring_delay_ms=0"); // nothing to learn from gossip before joining
    }
    if (node.unsafeSystem()) {
      cmd.add("-Dcassandra.unsafesystem=true"); // no flush per schema change: much faster DDL
    }
    cmd.addAll(node.extraJvmOptions());
    cmd.add("-cp");
    cmd.add(dirs.bootstrapClasses() + File.pathSeparator + classpath.asClasspath());
    cmd.add(ChildMain.class.getName());
    return cmd;
  }
}
