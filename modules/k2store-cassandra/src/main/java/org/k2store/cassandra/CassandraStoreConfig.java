package org.k2store.cassandra;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything the Cassandra store can be tuned by. A plain bindable bean so that the service's YAML
 * (and its environment overrides) map onto it directly; {@link #validate()} names the first bad
 * field. Defaults suit one local node and kitsune2's workload.
 */
public class CassandraStoreConfig {

    /** host:port of the nodes to contact; empty means "start the embedded node" in the service. */
    @JsonProperty
    private List<String> contactPoints = new ArrayList<>();
    @JsonProperty
    private String localDatacenter = "datacenter1";
    @JsonProperty
    private String keyspace = "k2store";
    /** SimpleStrategy with {@link #replicationFactor}, or NetworkTopologyStrategy with {@link #dataCenters}. */
    @JsonProperty
    private String replicationStrategy = "SimpleStrategy";
    @JsonProperty
    private int replicationFactor = 1;
    @JsonProperty
    private Map<String, Integer> dataCenters = new LinkedHashMap<>();
    @JsonProperty
    private String readConsistency = "LOCAL_QUORUM";
    @JsonProperty
    private String writeConsistency = "LOCAL_QUORUM";
    /** Decides the first writer of an op (lightweight transaction); SERIAL for one winner across DCs. */
    @JsonProperty
    private String serialConsistency = "LOCAL_SERIAL";
    /** Most partition reads or writes one call keeps in flight. */
    @JsonProperty
    private int fanOut = 32;
    /**
     * Most writes (and the point reads of the write path) one process_incoming_ops call keeps in
     * flight. Larger than fanOut: a batch's writes are many small independent requests, and the
     * driver's throttler (maxConcurrentRequests) is what protects the cluster.
     */
    @JsonProperty
    private int writeFanOut = 128;
    /**
     * Most partitions one write request carries (ReplicaBatches). Cassandra warns about every
     * unlogged batch over more partitions than its unlogged_batch_across_partitions_warn_threshold
     * (10 by default); keep this at or below the cluster's value.
     */
    @JsonProperty
    private int writeBatchPartitions = 10;
    /**
     * Most bytes of values one multi-partition write request carries, counted as Cassandra does
     * (value plus 16 bytes a cell). Cassandra warns past batch_size_warn_threshold (5 KiB by
     * default) and refuses past batch_size_fail_threshold (50 KiB); keep this below the first.
     */
    @JsonProperty
    private int writeBatchBytes = 4096;
    /**
     * Most process_incoming_ops groups of one space in flight (IngestGroups): calls arriving while
     * all are busy wait and are written together. A write costs a few round trips whatever its size.
     */
    @JsonProperty
    private int ingestLanes = 4;
    /**
     * Most ops one group of calls carries; a call this large or larger is written on its own. As
     * large as the largest call the service takes (1000 ops), so full 100-op batches share lanes
     * too: 64 writers of them then keep 0.95x the throughput of 16 instead of 0.80x, since four
     * shared writes cost the node less than 64 interleaved ones; no group is larger than one call
     * a client could send anyway.
     */
    @JsonProperty
    private int ingestGroupOps = 1000;
    /** Rows per page when a partition is scanned. */
    @JsonProperty
    private int pageSize = 1000;
    @JsonProperty
    private int fineLocationBits = 9;
    @JsonProperty
    private int coarseLocationBits = 4;
    /** An arc touching more fine buckets than this reads the coarse index (default: one coarse bucket's worth). */
    @JsonProperty
    private int wideArcFineBuckets = 32;
    @JsonProperty
    private Duration createdBucket = Duration.ofHours(128);
    @JsonProperty
    private Duration storedBucket = Duration.ofHours(1);
    /** How far a bounded-page bookmark trails the read: more than write latency plus clock skew. */
    @JsonProperty
    private Duration settleWindow = Duration.ofSeconds(10);
    /**
     * The most two service nodes' clocks may differ (NTP keeps it to milliseconds). The settle window
     * must hold it, Cassandra's write timeout and at least a second for the writes themselves.
     */
    @JsonProperty
    private Duration maxClockSkew = Duration.ofMillis(500);
    /**
     * How often each service node publishes its closed timestamp (the lowest stored_at it may still
     * make visible) and reads everyone's: a bookmark trails now by about twice this instead of the
     * whole settle window. Zero turns closed timestamps off (bookmarks trail by the settle window).
     */
    @JsonProperty
    private Duration closedTimestampInterval = Duration.ofMillis(200);
    /**
     * A dropped space's name can be created again, and its rows are purged, this long after the drop:
     * longer than any service node may keep serving the old uid from its cache.
     */
    @JsonProperty
    private Duration recreateAfterDrop = Duration.ofMinutes(1);
    /** Requests a purge of a dropped space makes per step (one step a second per service node). */
    @JsonProperty
    private int purgeRequestsPerStep = 500;
    /**
     * A coarse created_at partition read whole this long after its time bucket ended is sealed
     * (its rows packed into one cell). Longer than the settle window, so writers and sealers agree.
     */
    @JsonProperty
    private Duration sealAfter = Duration.ofHours(1);
    /**
     * The largest partition sealed (all its chunks together); bigger partitions are read row by
     * row. 0 turns sealing off.
     */
    @JsonProperty
    private int sealedPartitionMaxBytes = 64 << 20;
    /**
     * A seal up to this size sits in the partition's static cell; a bigger one is written in chunks
     * of about this size, which is also the most a reader decodes at a time per partition.
     */
    @JsonProperty
    private int sealedChunkBytes = 1 << 20;
    /**
     * Most coarse partitions this process wrote to that wait for a background seal (SealBacklog):
     * about 150 bytes each. Past it, a partition is sealed by its first whole read instead. 0 turns
     * background sealing off.
     */
    @JsonProperty
    private int sealBacklog = 100_000;
    /**
     * A partition is sealed in the background once its time has settled ({@code sealAfter}) and no
     * op was written to it by this process for this long, so one that late ops keep touching is
     * read again at most once per quiet spell.
     */
    @JsonProperty
    private Duration sealQuiet = Duration.ofSeconds(30);
    @JsonProperty
    private Duration countCheckpointInterval = Duration.ofMinutes(1);
    /**
     * Requests this process keeps in flight to Cassandra at once, across every call and space (the
     * driver's concurrency-limiting throttler). Excess requests wait in its queue instead of failing
     * for want of a connection; keep it below connectionsPerNode x maxRequestsPerConnection.
     */
    @JsonProperty
    private int maxConcurrentRequests = 512;
    /** Requests that may wait for a slot; one more fails at once (503). Bounded, so memory is. */
    @JsonProperty
    private int maxQueuedRequests = 20_000;
    @JsonProperty
    private int connectionsPerNode = 2;
    @JsonProperty
    private int maxRequestsPerConnection = 1024;
    /** Op ids remembered as stored by this process, so a re-sent op costs no read. */
    @JsonProperty
    private int recentlyStoredOps = 100_000;
    @JsonProperty
    private Duration requestTimeout = Duration.ofSeconds(10);
    @JsonProperty
    private Duration connectTimeout = Duration.ofSeconds(10);
    @JsonProperty
    private boolean applySchema = true;
    @JsonProperty
    private String username;
    @JsonProperty
    private String password;
    /** TLS to Cassandra, trusting {@link #tlsTrustStore} or, when that is unset, the JVM's default trust store. */
    @JsonProperty
    private boolean tls;
    /**
     * With TLS, check that a node's certificate names the host or address it was reached at (the
     * driver's default is not to): without it any certificate the trust store signed passes for any node.
     */
    @JsonProperty
    private boolean tlsHostnameValidation = true;
    /** A PKCS12 trust store (the CA of the nodes' certificates); unset: the JVM's default trust store. */
    @JsonProperty
    private String tlsTrustStore;
    @JsonProperty
    private String tlsTrustStorePassword;

    /** Throws IllegalArgumentException naming the first field that is out of range. */
    public CassandraStoreConfig validate() {
        require(localDatacenter != null && !localDatacenter.isBlank(), "localDatacenter must be set");
        require(keyspace != null && keyspace.matches("[a-zA-Z][a-zA-Z0-9_]{0,47}"), "keyspace must be a CQL identifier: " + keyspace);
        require(replicationStrategy.equals("SimpleStrategy") || replicationStrategy.equals("NetworkTopologyStrategy"),
                "replicationStrategy must be SimpleStrategy or NetworkTopologyStrategy: " + replicationStrategy);
        require(replicationFactor >= 1, "replicationFactor must be at least 1");
        require(!replicationStrategy.equals("NetworkTopologyStrategy") || !dataCenters.isEmpty(),
                "dataCenters must list each DC's replication factor for NetworkTopologyStrategy");
        dataCenters.forEach((dc, rf) -> require(dc.matches("[A-Za-z0-9_.-]+") && rf != null && rf >= 1, "dataCenters: bad entry " + dc + "=" + rf));
        for (String level : List.of(readConsistency, writeConsistency, serialConsistency)) {
            require(level != null && level.matches("[A-Z_]+"), "consistency level must be a level name: " + level);
        }
        require(fanOut >= 1 && fanOut <= 1024, "fanOut must be in 1..1024: " + fanOut);
        require(writeFanOut >= 1 && writeFanOut <= 4096, "writeFanOut must be in 1..4096: " + writeFanOut);
        require(writeBatchPartitions >= 1 && writeBatchPartitions <= 1000, "writeBatchPartitions must be in 1..1000: " + writeBatchPartitions);
        require(writeBatchBytes >= 0 && writeBatchBytes <= 1 << 20, "writeBatchBytes must be in 0..1048576: " + writeBatchBytes);
        require(ingestLanes >= 1 && ingestLanes <= 1024, "ingestLanes must be in 1..1024: " + ingestLanes);
        require(ingestGroupOps >= 1 && ingestGroupOps <= 100_000, "ingestGroupOps must be in 1..100000: " + ingestGroupOps);
        require(pageSize >= 10 && pageSize <= 100_000, "pageSize must be in 10..100000: " + pageSize);
        require(fineLocationBits >= 1 && fineLocationBits <= 16, "fineLocationBits must be in 1..16");
        require(coarseLocationBits >= 0 && coarseLocationBits < fineLocationBits, "coarseLocationBits must be below fineLocationBits");
        require(wideArcFineBuckets >= 1, "wideArcFineBuckets must be at least 1");
        require(!createdBucket.isNegative() && !createdBucket.isZero(), "createdBucket must be positive");
        require(!storedBucket.isNegative() && !storedBucket.isZero(), "storedBucket must be positive");
        require(!settleWindow.isNegative(), "settleWindow must not be negative");
        require(!maxClockSkew.isNegative(), "maxClockSkew must not be negative");
        require(!closedTimestampInterval.isNegative() && closedTimestampInterval.compareTo(Duration.ofSeconds(2)) <= 0,
                "closedTimestampInterval must be in 0..PT2S: " + closedTimestampInterval);
        require(!recreateAfterDrop.isNegative(), "recreateAfterDrop must not be negative");
        require(purgeRequestsPerStep >= 1, "purgeRequestsPerStep must be at least 1");
        require(sealAfter.compareTo(settleWindow) > 0, "sealAfter must be longer than settleWindow: " + sealAfter);
        require(sealedPartitionMaxBytes >= 0 && sealedPartitionMaxBytes <= 1 << 30,
                "sealedPartitionMaxBytes must be in 0..1073741824: " + sealedPartitionMaxBytes);
        require(sealBacklog >= 0 && sealBacklog <= 10_000_000, "sealBacklog must be in 0..10000000: " + sealBacklog);
        require(sealQuiet != null && sealQuiet.compareTo(Duration.ofSeconds(1)) >= 0 && sealQuiet.compareTo(settleWindow) > 0,
                "sealQuiet must be at least PT1S and longer than settleWindow: " + sealQuiet);
        require(sealedChunkBytes >= 256 && sealedChunkBytes <= 16 << 20, "sealedChunkBytes must be in 256..16777216: " + sealedChunkBytes);
        require(!countCheckpointInterval.isNegative(), "countCheckpointInterval must not be negative");
        require(!requestTimeout.isNegative() && !requestTimeout.isZero(), "requestTimeout must be positive");
        require(connectionsPerNode >= 1 && connectionsPerNode <= 64, "connectionsPerNode must be in 1..64: " + connectionsPerNode);
        require(maxRequestsPerConnection >= 1 && maxRequestsPerConnection <= 32768,
                "maxRequestsPerConnection must be in 1..32768: " + maxRequestsPerConnection);
        require(maxConcurrentRequests >= 1 && maxConcurrentRequests <= connectionsPerNode * maxRequestsPerConnection,
                "maxConcurrentRequests must be in 1..connectionsPerNode x maxRequestsPerConnection ("
                        + connectionsPerNode * maxRequestsPerConnection + "): " + maxConcurrentRequests);
        require(maxQueuedRequests >= 0 && maxQueuedRequests <= 1_000_000, "maxQueuedRequests must be in 0..1000000: " + maxQueuedRequests);
        require(recentlyStoredOps >= 0 && recentlyStoredOps <= 10_000_000, "recentlyStoredOps must be in 0..10000000: " + recentlyStoredOps);
        for (String point : contactPoints) {
            require(point.matches("[^:\\s]+:\\d{1,5}"), "contactPoints entries must be host:port: " + point);
        }
        return this;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The CQL replication map for the schema file. */
    String replicationCql() {
        if (replicationStrategy.equals("SimpleStrategy")) {
            return "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}";
        }
        return "{'class': 'NetworkTopologyStrategy', "
                + dataCenters.entrySet().stream().map(e -> "'" + e.getKey() + "': " + e.getValue()).collect(Collectors.joining(", "))
                + "}";
    }

    BucketLayout bucketLayout() {
        return new BucketLayout(fineLocationBits, coarseLocationBits, micros(createdBucket), micros(storedBucket), wideArcFineBuckets);
    }

    static long micros(Duration duration) {
        return Math.multiplyExact(duration.getSeconds(), 1_000_000L) + duration.getNano() / 1_000;
    }

    public List<String> getContactPoints() {
        return contactPoints;
    }

    public CassandraStoreConfig setContactPoints(List<String> contactPoints) {
        this.contactPoints = new ArrayList<>(contactPoints);
        return this;
    }

    public String getLocalDatacenter() {
        return localDatacenter;
    }

    public CassandraStoreConfig setLocalDatacenter(String localDatacenter) {
        this.localDatacenter = localDatacenter;
        return this;
    }

    public String getKeyspace() {
        return keyspace;
    }

    public CassandraStoreConfig setKeyspace(String keyspace) {
        this.keyspace = keyspace;
        return this;
    }

    public String getReplicationStrategy() {
        return replicationStrategy;
    }

    public CassandraStoreConfig setReplicationStrategy(String replicationStrategy) {
        this.replicationStrategy = replicationStrategy;
        return this;
    }

    public int getReplicationFactor() {
        return replicationFactor;
    }

    public CassandraStoreConfig setReplicationFactor(int replicationFactor) {
        this.replicationFactor = replicationFactor;
        return this;
    }

    public Map<String, Integer> getDataCenters() {
        return dataCenters;
    }

    public CassandraStoreConfig setDataCenters(Map<String, Integer> dataCenters) {
        this.dataCenters = new LinkedHashMap<>(dataCenters);
        return this;
    }

    public String getReadConsistency() {
        return readConsistency;
    }

    public CassandraStoreConfig setReadConsistency(String readConsistency) {
        this.readConsistency = readConsistency;
        return this;
    }

    public String getWriteConsistency() {
        return writeConsistency;
    }

    public CassandraStoreConfig setWriteConsistency(String writeConsistency) {
        this.writeConsistency = writeConsistency;
        return this;
    }

    public String getSerialConsistency() {
        return serialConsistency;
    }

    public CassandraStoreConfig setSerialConsistency(String serialConsistency) {
        this.serialConsistency = serialConsistency;
        return this;
    }

    public int getFanOut() {
        return fanOut;
    }

    public CassandraStoreConfig setFanOut(int fanOut) {
        this.fanOut = fanOut;
        return this;
    }

    public int getPageSize() {
        return pageSize;
    }

    public CassandraStoreConfig setPageSize(int pageSize) {
        this.pageSize = pageSize;
        return this;
    }

    public int getFineLocationBits() {
        return fineLocationBits;
    }

    public CassandraStoreConfig setFineLocationBits(int fineLocationBits) {
        this.fineLocationBits = fineLocationBits;
        return this;
    }

    public int getCoarseLocationBits() {
        return coarseLocationBits;
    }

    public CassandraStoreConfig setCoarseLocationBits(int coarseLocationBits) {
        this.coarseLocationBits = coarseLocationBits;
        return this;
    }

    public int getWideArcFineBuckets() {
        return wideArcFineBuckets;
    }

    public CassandraStoreConfig setWideArcFineBuckets(int wideArcFineBuckets) {
        this.wideArcFineBuckets = wideArcFineBuckets;
        return this;
    }

    public Duration getCreatedBucket() {
        return createdBucket;
    }

    public CassandraStoreConfig setCreatedBucket(Duration createdBucket) {
        this.createdBucket = createdBucket;
        return this;
    }

    public Duration getStoredBucket() {
        return storedBucket;
    }

    public CassandraStoreConfig setStoredBucket(Duration storedBucket) {
        this.storedBucket = storedBucket;
        return this;
    }

    public Duration getSealAfter() {
        return sealAfter;
    }

    public CassandraStoreConfig setSealAfter(Duration sealAfter) {
        this.sealAfter = sealAfter;
        return this;
    }

    public int getSealedPartitionMaxBytes() {
        return sealedPartitionMaxBytes;
    }

    public int getSealedChunkBytes() {
        return sealedChunkBytes;
    }

    public int getSealBacklog() {
        return sealBacklog;
    }

    public CassandraStoreConfig setSealBacklog(int sealBacklog) {
        this.sealBacklog = sealBacklog;
        return this;
    }

    public Duration getSealQuiet() {
        return sealQuiet;
    }

    public CassandraStoreConfig setSealQuiet(Duration sealQuiet) {
        this.sealQuiet = sealQuiet;
        return this;
    }

    public CassandraStoreConfig setSealedChunkBytes(int sealedChunkBytes) {
        this.sealedChunkBytes = sealedChunkBytes;
        return this;
    }

    public CassandraStoreConfig setSealedPartitionMaxBytes(int sealedPartitionMaxBytes) {
        this.sealedPartitionMaxBytes = sealedPartitionMaxBytes;
        return this;
    }

    public Duration getSettleWindow() {
        return settleWindow;
    }

    public CassandraStoreConfig setSettleWindow(Duration settleWindow) {
        this.settleWindow = settleWindow;
        return this;
    }

    public Duration getMaxClockSkew() {
        return maxClockSkew;
    }

    public CassandraStoreConfig setMaxClockSkew(Duration maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
        return this;
    }

    public Duration getClosedTimestampInterval() {
        return closedTimestampInterval;
    }

    public CassandraStoreConfig setClosedTimestampInterval(Duration closedTimestampInterval) {
        this.closedTimestampInterval = closedTimestampInterval;
        return this;
    }

    public Duration getRecreateAfterDrop() {
        return recreateAfterDrop;
    }

    public CassandraStoreConfig setRecreateAfterDrop(Duration recreateAfterDrop) {
        this.recreateAfterDrop = recreateAfterDrop;
        return this;
    }

    public int getPurgeRequestsPerStep() {
        return purgeRequestsPerStep;
    }

    public CassandraStoreConfig setPurgeRequestsPerStep(int purgeRequestsPerStep) {
        this.purgeRequestsPerStep = purgeRequestsPerStep;
        return this;
    }

    public Duration getCountCheckpointInterval() {
        return countCheckpointInterval;
    }

    public CassandraStoreConfig setCountCheckpointInterval(Duration countCheckpointInterval) {
        this.countCheckpointInterval = countCheckpointInterval;
        return this;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public CassandraStoreConfig setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        return this;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public CassandraStoreConfig setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    public boolean isApplySchema() {
        return applySchema;
    }

    public CassandraStoreConfig setApplySchema(boolean applySchema) {
        this.applySchema = applySchema;
        return this;
    }

    public String getUsername() {
        return username;
    }

    public CassandraStoreConfig setUsername(String username) {
        this.username = username;
        return this;
    }

    public String getPassword() {
        return password;
    }

    public CassandraStoreConfig setPassword(String password) {
        this.password = password;
        return this;
    }

    public boolean isTls() {
        return tls;
    }

    public CassandraStoreConfig setTls(boolean tls) {
        this.tls = tls;
        return this;
    }

    public boolean isTlsHostnameValidation() {
        return tlsHostnameValidation;
    }

    public CassandraStoreConfig setTlsHostnameValidation(boolean tlsHostnameValidation) {
        this.tlsHostnameValidation = tlsHostnameValidation;
        return this;
    }

    public String getTlsTrustStore() {
        return tlsTrustStore;
    }

    public CassandraStoreConfig setTlsTrustStore(String tlsTrustStore) {
        this.tlsTrustStore = tlsTrustStore;
        return this;
    }

    public String getTlsTrustStorePassword() {
        return tlsTrustStorePassword;
    }

    public CassandraStoreConfig setTlsTrustStorePassword(String tlsTrustStorePassword) {
        this.tlsTrustStorePassword = tlsTrustStorePassword;
        return this;
    }

    public int getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public CassandraStoreConfig setMaxConcurrentRequests(int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
        return this;
    }

    public int getMaxQueuedRequests() {
        return maxQueuedRequests;
    }

    public CassandraStoreConfig setMaxQueuedRequests(int maxQueuedRequests) {
        this.maxQueuedRequests = maxQueuedRequests;
        return this;
    }

    public int getConnectionsPerNode() {
        return connectionsPerNode;
    }

    public CassandraStoreConfig setConnectionsPerNode(int connectionsPerNode) {
        this.connectionsPerNode = connectionsPerNode;
        return this;
    }

    public int getMaxRequestsPerConnection() {
        return maxRequestsPerConnection;
    }

    public CassandraStoreConfig setMaxRequestsPerConnection(int maxRequestsPerConnection) {
        this.maxRequestsPerConnection = maxRequestsPerConnection;
        return this;
    }

    public int getRecentlyStoredOps() {
        return recentlyStoredOps;
    }

    public CassandraStoreConfig setRecentlyStoredOps(int recentlyStoredOps) {
        this.recentlyStoredOps = recentlyStoredOps;
        return this;
    }

    public int getWriteBatchPartitions() {
        return writeBatchPartitions;
    }

    public CassandraStoreConfig setWriteBatchPartitions(int writeBatchPartitions) {
        this.writeBatchPartitions = writeBatchPartitions;
        return this;
    }

    public int getWriteBatchBytes() {
        return writeBatchBytes;
    }

    public CassandraStoreConfig setWriteBatchBytes(int writeBatchBytes) {
        this.writeBatchBytes = writeBatchBytes;
        return this;
    }

    public int getWriteFanOut() {
        return writeFanOut;
    }

    public CassandraStoreConfig setWriteFanOut(int writeFanOut) {
        this.writeFanOut = writeFanOut;
        return this;
    }

    public int getIngestLanes() {
        return ingestLanes;
    }

    public CassandraStoreConfig setIngestLanes(int ingestLanes) {
        this.ingestLanes = ingestLanes;
        return this;
    }

    public int getIngestGroupOps() {
        return ingestGroupOps;
    }

    public CassandraStoreConfig setIngestGroupOps(int ingestGroupOps) {
        this.ingestGroupOps = ingestGroupOps;
        return this;
    }
}
