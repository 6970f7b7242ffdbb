import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Logger } from '../logger.js';
import type { GraphQLContext } from './context.js';
import { costLimitPlugin, costLimitRule } from './cost-limit.js';
import { formatError } from './errors.js';

export const MAX_TOKENS = 5_000;

function armor() {
  return new ApolloArmor({
    maxDepth: { n: 12 },
    // Our own rule (cost-limit.ts) multiplies by page sizes, also those passed as variables.
    costLimit: { enabled: false },
    maxAliases: { n: 30 },
    // Enforced by the parser instead (parseOptions below), which answers 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    // Field suggestions would let anyone map the schema; it is published anyway, so keep them.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

/**
 * Query limits, shared by HTTP and WebSocket operations. Pass the operation's `variables` to cost
 * page sizes given as variables at their value; without them they count at their worst case.
 */
export function queryLimits(variables?: Record<string, unknown>) {
  const { plugins, validationRules } = armor();
  return { plugins, validationRules: [...(validationRules as ValidationRule[]), costLimitRule({ variables })] };
}

/**
 * Apollo's cache-control plugin runs a hook around every resolved field to compute a policy that is
 * always "uncacheable" here (no type or field has a cache hint); its answer is this header.
 */
const noStore: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

export function createApolloServer(schema: GraphQLSchema, log: Logger, plugins: ApolloServer['internals']['plugins']) {
  const limits = armor();
  return new ApolloServer<GraphQLContext>({
    schema,
    // Inline traces are for federated subgraphs, which this is not (the plugin loads a protobuf library).
    plugins: [...limits.plugins, costLimitPlugin(schema), ApolloServerPluginCacheControlDisabled(), noStore, ApolloServerPluginInlineTraceDisabled(), ...plugins],
    validationRules: limits.validationRules as ValidationRule[],
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: (formatted, error) => formatError(formatted, error, log),
  });
}
