/** The Federation version every subgraph links; 2.3 brings `@interfaceObject`. */
export const FEDERATION_SPEC = 'https://specs.apollo.dev/federation/v2.3';
