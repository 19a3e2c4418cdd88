// oidc-provider ships no type declarations; the OIDC e2e test uses it as an opaque real issuer.
declare module 'oidc-provider';
