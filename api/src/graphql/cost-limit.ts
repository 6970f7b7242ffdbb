import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  validate,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

export const MAX_COST = 10_000;

/**
 * The cost of an operation: every field costs 1, and a field taking `first` (a Relay connection)
 * multiplies the cost of its selection by the page size it asks for, so `projects(first: 100)`
 * inside `organizations(first: 100)` costs 10 000 times its leaf. Aliases are separate fields.
 *
 * With `variables` (a real request) a page size from a variable counts at its value; without them
 * (checking documents ahead of time) at the variable's default, else at the largest page size.
 */
export function costLimitRule(options: { maxCost?: number; variables?: Record<string, unknown>; onVariable?: () => void } = {}): ValidationRule {
  const maxCost = options.maxCost ?? MAX_COST;
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const defaults = new Map<string, unknown>();
      for (const definition of operation.variableDefinitions ?? []) {
        if (definition.defaultValue) defaults.set(definition.variable.name.value, literal(definition.defaultValue));
      }
      // `fallback` is what the field fetches when `first` is not given (its default, else 25).
      const pageSize = (value: ValueNode | undefined, fallback: number): number => {
        let size: unknown;
        if (!value) size = fallback;
        else if (value.kind === Kind.VARIABLE) {
          options.onVariable?.();
          const name = value.name.value;
          size = options.variables ? (options.variables[name] ?? defaults.get(name) ?? fallback) : (defaults.get(name) ?? Math.max(fallback, MAX_PAGE_SIZE));
        } else size = literal(value);
        // A size of the wrong type fails validation anyway; anything else counts as asked.
        return typeof size === 'number' && Number.isFinite(size) ? Math.min(Math.max(Math.trunc(size), 1), 1_000_000) : fallback;
      };
      const root = context.getSchema().getRootType(operation.operation);
      if (!root) return;
      const cost = selectionCost(context, root, operation.selectionSet, pageSize, new Set());
      if (cost > maxCost) {
        context.reportError(new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}. Ask for smaller pages (first) or fewer fields.`, { nodes: [operation] }));
      }
    },
  });
}

function selectionCost(
  context: ValidationContext,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  pageSize: (value: ValueNode | undefined, fallback: number) => number,
  fragmentsInUse: Set<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += 1;
      if (!selection.selectionSet) continue;
      const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
      const type = definition ? getNamedType(definition.type) : undefined;
      if (!definition || !type || !isCompositeType(type)) continue;
      const first = definition.args.find((arg) => arg.name === 'first');
      const fallback = typeof first?.defaultValue === 'number' ? first.defaultValue : DEFAULT_PAGE_SIZE;
      const asked = first ? pageSize(selection.arguments?.find((arg) => arg.name.value === 'first')?.value, fallback) : 1;
      // A Relay connection refuses pages above MAX_PAGE_SIZE itself, with an error that says so.
      const multiplier = type.name.endsWith('Connection') ? Math.min(asked, MAX_PAGE_SIZE) : asked;
      total += multiplier * selectionCost(context, type, selection.selectionSet, pageSize, fragmentsInUse);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
      total += selectionCost(context, condition && isCompositeType(condition) ? condition : parent, selection.selectionSet, pageSize, fragmentsInUse);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // A fragment spreading itself is reported by the standard NoFragmentCycles rule.
      if (!fragment || fragmentsInUse.has(name)) continue;
      const condition = context.getSchema().getType(fragment.typeCondition.name.value);
      fragmentsInUse.add(name);
      total += selectionCost(context, condition && isCompositeType(condition) ? condition : parent, fragment.selectionSet, pageSize, fragmentsInUse);
      fragmentsInUse.delete(name);
    }
  }
  return total;
}

function literal(value: ValueNode): unknown {
  return value.kind === Kind.INT ? Number(value.value) : undefined;
}

/**
 * Apollo caches validation per document, so the variable-dependent cost is checked once the
 * operation is known: over the limit is HTTP 400 GRAPHQL_VALIDATION_FAILED. A document whose page
 * sizes are all literals costs the same every time: its verdict is kept (Apollo hands the same
 * parsed document to every request with the same text).
 */
export function costLimitPlugin(schema: GraphQLSchema, maxCost = MAX_COST): ApolloServerPlugin {
  const fixedCost = new WeakMap<DocumentNode, GraphQLError | null>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          let error = fixedCost.get(document);
          if (error === undefined) {
            let usesVariables = false;
            const rule = costLimitRule({ maxCost, variables: request.variables ?? {}, onVariable: () => void (usesVariables = true) });
            error = validate(schema, document, [rule])[0] ?? null;
            if (!usesVariables) fixedCost.set(document, error);
          }
          if (error) throw new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
        },
      };
    },
  };
}
