import { ApolloServer } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Logger } from '../logger.js';
import type { GraphQLContext } from './context.js';
import { formatError } from './errors.js';

export const MAX_TOKENS = 5_000;

/** Query limits, shared by HTTP and WebSocket operations. */
export function queryLimits() {
  return new ApolloArmor({
    maxDepth: { n: 12 },
    costLimit: { maxCost: 10_000 },
    maxAliases: { n: 30 },
    // Enforced by the parser instead (parseOptions below), which answers 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    // Field suggestions would let anyone map the schema; it is published anyway, so keep them.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

export function createApolloServer(schema: GraphQLSchema, log: Logger, plugins: ApolloServer['internals']['plugins']) {
  const limits = queryLimits();
  return new ApolloServer<GraphQLContext>({
    schema,
    plugins: [...limits.plugins, ...plugins],
    validationRules: limits.validationRules as ValidationRule[],
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: (formatted, error) => formatError(formatted, error, log),
  });
}
