// The official MCP TypeScript SDK's client, with its OAuth provider, against the example MCP server protected by Cell.
// Run by McpEndToEndTest:
//   node client.mjs <mcp-server-url> <other-mcp-server-url> <callback-port> [client-id-metadata-document-url]
// Talks to the test on stdout, one line each: "AUTHORIZE <url>" when the user must sign in (the test drives Chromium there;
// Cell redirects it to this script's loopback callback), then "RESULT <json>" with what it saw. Diagnostics go to stderr.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const [serverUrl, otherServerUrl, callbackPort, clientMetadataUrl] = process.argv.slice(2);
const redirectUrl = `http://127.0.0.1:${callbackPort}/callback`;

// Every HTTP exchange the SDK makes, in order (method, URL, status), so the test can check the discovery sequence.
const trace = [];
const tracingFetch = async (url, init) => {
  const response = await fetch(url, init);
  trace.push({ method: init?.method ?? 'GET', url: String(url), status: response.status });
  return response;
};

// The loopback redirect URI (RFC 8252 section 7.3): one authorization response at a time, checked against the state sent.
let pending;
const callbacks = http.createServer((req, res) => {
  const url = new URL(req.url, redirectUrl);
  if (url.pathname !== '/callback' || !pending) {
    res.writeHead(404).end();
    return;
  }
  const { state, resolve, reject } = pending;
  pending = undefined;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Signed in</title><h1 id="done">Signed in</h1>');
  if (url.searchParams.get('state') !== state) {
    reject(new Error(`state mismatch: ${url.searchParams.get('state')}`));
  } else if (url.searchParams.has('error')) {
    reject(new Error(`authorization refused: ${url.searchParams.get('error')}: ${url.searchParams.get('error_description')}`));
  } else {
    resolve({ code: url.searchParams.get('code'), iss: url.searchParams.get('iss') });
  }
});
await new Promise((resolve) => callbacks.listen(Number(callbackPort), '127.0.0.1', resolve));

/** An OAuthClientProvider that keeps everything in memory and hands the authorization URL to the test. */
class TestProvider {
  constructor() {
    this.saved = { client: undefined, tokens: undefined, verifier: undefined };
    this.stateValue = undefined;
    this.authorizationUrls = [];
    if (clientMetadataUrl) {
      this.clientMetadataUrl = clientMetadataUrl;
    }
  }
  get redirectUrl() {
    return redirectUrl;
  }
  get clientMetadata() {
    return {
      client_name: 'Cell MCP end-to-end test',
      redirect_uris: [redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none'
    };
  }
  state() {
    this.stateValue = randomBytes(16).toString('base64url');
    return this.stateValue;
  }
  clientInformation() {
    return this.saved.client;
  }
  saveClientInformation(info) {
    this.saved.client = info;
  }
  tokens() {
    return this.saved.tokens;
  }
  saveTokens(tokens) {
    this.saved.tokens = tokens;
  }
  saveCodeVerifier(verifier) {
    this.saved.verifier = verifier;
  }
  codeVerifier() {
    return this.saved.verifier;
  }
  redirectToAuthorization(url) {
    this.authorizationUrls.push(String(url));
    this.response = new Promise((resolve, reject) => {
      pending = { state: this.stateValue, resolve, reject };
    });
    process.stdout.write(`AUTHORIZE ${url}\n`);
  }
}

/** Connects to an MCP server, running the authorization code flow first if the server answers 401. */
async function connect(url, provider) {
  const transportFor = () => new StreamableHTTPClientTransport(new URL(url), { authProvider: provider, fetch: tracingFetch });
  const client = new Client({ name: 'cell-mcp-e2e', version: '1.0.0' });
  const transport = transportFor();
  try {
    await client.connect(transport);
    return { client, authorized: false };
  } catch (e) {
    if (!(e instanceof UnauthorizedError)) {
      throw e;
    }
  }
  const { code, iss } = await provider.response;
  await transport.finishAuth(code);
  const again = new Client({ name: 'cell-mcp-e2e', version: '1.0.0' });
  await again.connect(transportFor());
  return { client: again, authorized: true, iss };
}

/** A raw MCP initialize request with the given access token, as any client would send it. */
async function initializeWith(url, accessToken) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'cell-mcp-e2e', version: '1.0.0' } } })
  });
  await response.body?.cancel();
  return { status: response.status, wwwAuthenticate: response.headers.get('www-authenticate') };
}

const result = {};
try {
  const provider = new TestProvider();
  const first = await connect(serverUrl, provider);
  result.authorized = first.authorized;
  result.iss = first.iss;
  result.authorizationUrl = provider.authorizationUrls[0];
  result.clientId = provider.saved.client?.client_id;
  result.tools = (await first.client.listTools()).tools.map((t) => t.name);
  result.whoami = (await first.client.callTool({ name: 'whoami', arguments: {} })).structuredContent;
  const before = { ...provider.saved.tokens };
  result.tokenType = before.token_type;
  result.grantedScope = before.scope;

  // Refresh: the server refuses the access token (here: it is spoiled), and the SDK refreshes it and retries by itself.
  provider.saved.tokens = { ...before, access_token: before.access_token.slice(0, -8) + 'AAAAAAAA' };
  result.whoamiAfterRefresh = (await first.client.callTool({ name: 'whoami', arguments: {} })).structuredContent;
  const after = provider.saved.tokens;
  result.refreshed = after.access_token !== before.access_token;
  result.refreshTokenRotated = !!after.refresh_token && after.refresh_token !== before.refresh_token;
  await first.client.close();

  // A token for another resource: the same user authorizes the client for the other MCP server, whose token the first refuses.
  const otherProvider = new TestProvider();
  const second = await connect(otherServerUrl, otherProvider);
  result.otherWhoami = (await second.client.callTool({ name: 'whoami', arguments: {} })).structuredContent;
  await second.client.close();
  result.otherTokenAtServer = await initializeWith(serverUrl, otherProvider.saved.tokens.access_token);
  result.tokenAtOtherServer = await initializeWith(otherServerUrl, provider.saved.tokens.access_token);
  result.tokenAtServer = await initializeWith(serverUrl, provider.saved.tokens.access_token);
} catch (e) {
  result.error = `${e?.name}: ${e?.message}`;
  process.stderr.write(`${e?.stack ?? e}\n`);
} finally {
  result.trace = trace;
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  callbacks.close();
  callbacks.closeAllConnections?.();
}
