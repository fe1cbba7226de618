import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { instrument } from '../common/instrument';
import type { Simulator, SimulatorOptions } from '../common/simulator';
import { verifyNetvisorRequest } from './auth';
import { registerNetvisorControl } from './control';
import { validateElement } from './models';
import type { ResourceHandler } from './resources';
import { failedXml, httpStatusFor, invalidXml, NetvisorFailure, okXml } from './responses';
import { masterResources } from './routes-master';
import { salesResources } from './routes-sales';
import { seedNetvisor } from './seed';
import { NetvisorStore } from './store';
import { decodeBody } from './charset';
import { parseRequestXml } from './xml-tree';

export { NETVISOR_SANDBOX_CREDENTIALS } from './credentials';

const XML = 'text/xml; charset=utf-8';

/** Visma Netvisor's XML web service (`*.nv` resources), mounted at `/netvisor`. */
export function createNetvisorSimulator(options: SimulatorOptions): Simulator {
  const store = new NetvisorStore();
  const sales = salesResources(store);
  const master = masterResources(store);
  const get: Record<string, ResourceHandler> = { ...sales.get, ...master.get };
  const post: Record<string, ResourceHandler> = { ...sales.post, ...master.post };

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const useStatus = request.headers['x-netvisor-authentication-usehttpresponsestatuscodes'] === '1';
    try {
      // The MAC covers the URL exactly as the client sent it, scheme and host included.
      verifyNetvisorRequest(`${request.protocol}://${request.headers.host ?? ''}${request.url}`, request.headers, store, new Date());
      const { resource } = request.params as { resource: string };
      const table = request.method === 'POST' ? post : get;
      const handler = table[resource.toLowerCase()];
      if (!handler) {
        return await reply.code(404).type(XML).send(failedXml(new NetvisorFailure('INVALID_DATA', `Unknown resource ${request.method} ${resource}`)));
      }
      const query = Object.fromEntries(Object.entries(request.query as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
      let root;
      if (request.method === 'POST') {
        root = parseRequestXml(typeof request.body === 'string' ? request.body : '');
        if (!root) throw invalidXml('the body is not well-formed XML with a single <root>');
        const problem = validateElement(root);
        if (problem) throw invalidXml(problem);
      }
      return await reply.code(200).type(XML).send(okXml(handler({ query, root })));
    } catch (err) {
      if (!(err instanceof NetvisorFailure)) throw err;
      return reply.code(useStatus ? httpStatusFor(err.category) : 200).type(XML).send(failedXml(err));
    }
  };

  return {
    system: 'netvisor',
    prefix: '/netvisor',
    registerApi(app: FastifyInstance) {
      // Bodies stay strings (XML), so the request log shows what was sent, decoded by its declared charset.
      app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
        try {
          done(null, decodeBody(body as Buffer, request.headers['content-type']));
        } catch (err) {
          done(err as Error, undefined);
        }
      });
      instrument(app, options.ctx, {
        system: 'netvisor',
        tokenOf: (request) => {
          const id = request.headers['x-netvisor-authentication-customerid'];
          return typeof id === 'string' ? id : undefined;
        },
        // Netvisor documents no throttling; a proxy in front would answer in plain text.
        rateLimitBody: (seconds) => `Too Many Requests: retry after ${seconds} s`,
        serverErrorBody: (status) => `<html><body><h1>${status} Service Unavailable</h1></body></html>`,
      });
      app.get('/:resource', handle);
      app.post('/:resource', handle);
    },
    registerControl(app: FastifyInstance) {
      registerNetvisorControl(app, store);
    },
    reset() {
      store.reset();
    },
    seed() {
      seedNetvisor(store);
    },
  };
}
