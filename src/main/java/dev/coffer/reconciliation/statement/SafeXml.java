package dev.coffer.reconciliation.statement;

import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Screens an XML document before any binding library sees it: well-formed UTF-8, no document type declaration at
 * all (so no external entity, no entity expansion, no network fetch can happen later), bounded depth and element
 * count. A statement from a bank never needs a DTD, so refusing every one is the simple safe rule.
 */
final class SafeXml {

    static final int MAX_DEPTH = 40;
    static final int MAX_ELEMENTS = 400_000;
    private static final XMLInputFactory FACTORY = newFactory();

    private SafeXml() {
    }

    static void requireSafe(byte[] xml) {
        try {
            var reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml), "UTF-8");
            int depth = 0;
            int elements = 0;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE,
                         XMLStreamConstants.ENTITY_DECLARATION ->
                            throw StatementLimits.invalid("Document type declarations and entities are not accepted");
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        elements++;
                        if (depth > MAX_DEPTH || elements > MAX_ELEMENTS) {
                            throw StatementLimits.invalid("The XML document is nested too deeply or too large");
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    default -> { }
                }
            }
            reader.close();
        } catch (XMLStreamException e) {
            throw StatementLimits.invalid("Not well-formed XML (line " + line(e) + ")");
        }
    }

    private static int line(XMLStreamException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
    }

    private static XMLInputFactory newFactory() {
        var factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }
}
