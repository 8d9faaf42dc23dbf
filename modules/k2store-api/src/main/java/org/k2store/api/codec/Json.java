package org.k2store.api.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/** One strict JSON factory for the codecs: duplicate keys are an error, nesting is shallow. */
final class Json {

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();

    private Json() {
    }

    static JsonParser parser(byte[] raw) throws java.io.IOException {
        return FACTORY.createParser(raw);
    }
}
