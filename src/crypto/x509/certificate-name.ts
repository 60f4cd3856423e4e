import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';

/**
 * Who a certificate names. The organisation's unified social credit code goes into the subject's
 * serialNumber attribute (2.5.4.5), as docs/formats/certificates.md explains.
 */
export interface CertificateName {
  readonly commonName: string;
  readonly organisation?: string;
  readonly creditCode?: string;
}

const COMMON_NAME = '2.5.4.3';
const ORGANISATION = '2.5.4.10';
const SERIAL_NUMBER = '2.5.4.5';
const COUNTRY = '2.5.4.6';

/** C=CN, O, serialNumber, CN: most general first, as OpenSSL and Chinese CAs print them. */
export function buildName(name: CertificateName): Name {
  const attributes: AttributeTypeAndValue[] = [
    attribute(COUNTRY, new AttributeValue({ printableString: 'CN' })),
  ];
  if (name.organisation) {
    attributes.push(attribute(ORGANISATION, new AttributeValue({ utf8String: name.organisation })));
  }
  if (name.creditCode) {
    // X.520 makes serialNumber a PrintableString; credit codes are digits and capitals only.
    attributes.push(attribute(SERIAL_NUMBER, new AttributeValue({ printableString: name.creditCode })));
  }
  attributes.push(attribute(COMMON_NAME, new AttributeValue({ utf8String: name.commonName })));
  return new Name(attributes.map((item) => new RelativeDistinguishedName([item])));
}

export function readName(name: Name): CertificateName {
  const values = new Map<string, string>();
  for (const rdn of name) {
    for (const item of rdn) if (!values.has(item.type)) values.set(item.type, item.value.toString());
  }
  const organisation = values.get(ORGANISATION);
  const creditCode = values.get(SERIAL_NUMBER);
  return {
    commonName: values.get(COMMON_NAME) ?? '',
    ...(organisation === undefined ? {} : { organisation }),
    ...(creditCode === undefined ? {} : { creditCode }),
  };
}

function attribute(type: string, value: AttributeValue): AttributeTypeAndValue {
  return new AttributeTypeAndValue({ type, value });
}
