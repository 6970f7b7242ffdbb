import fs from 'node:fs/promises';
import path from 'node:path';
import { Kind, parse, specifiedRules, validate, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_TOKENS, queryLimits } from '../../api/src/graphql/apollo.js';
import { buildGraphQLSchema } from '../../api/src/server/schema.js';
import { REPO_ROOT } from '../support/processes.js';

/**
 * Every query, mutation and subscription the dashboard sends, read from its sources, must pass
 * the server's own validation: the schema, and the depth, cost and alias limits that answer a
 * too-expensive operation with an error instead of data.
 */
const DOCUMENTS = path.join(REPO_ROOT, 'web/src/graphql/documents');

async function dashboardDefinitions(): Promise<DefinitionNode[]> {
  const definitions: DefinitionNode[] = [];
  for (const file of (await fs.readdir(DOCUMENTS)).filter((name) => name.endsWith('.ts'))) {
    const source = await fs.readFile(path.join(DOCUMENTS, file), 'utf8');
    for (const match of source.matchAll(/graphql\(`([^`]*)`\)/g)) {
      definitions.push(...parse(match[1]!, { maxTokens: MAX_TOKENS }).definitions);
    }
  }
  return definitions;
}

/** The operation with the fragments it spreads (transitively). */
function withFragments(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): DocumentNode {
  const needed = new Map<string, FragmentDefinitionNode>();
  const visit = (text: string) => {
    for (const [, name] of text.matchAll(/\.\.\.([A-Za-z_]\w*)/g)) {
      const fragment = fragments.get(name!);
      if (fragment && !needed.has(name!)) {
        needed.set(name!, fragment);
        visit(fragment.loc?.source.body.slice(fragment.loc.start, fragment.loc.end) ?? '');
      }
    }
  };
  visit(operation.loc?.source.body.slice(operation.loc.start, operation.loc.end) ?? '');
  return { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
}

let schema: GraphQLSchema;
let operations: OperationDefinitionNode[];
let fragments: Map<string, FragmentDefinitionNode>;

beforeAll(async () => {
  schema = await buildGraphQLSchema(null);
  const definitions = await dashboardDefinitions();
  operations = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
});

describe('dashboard operations', () => {
  it('are found in web/src/graphql/documents', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(new Set(operations.map((o) => o.name?.value)).size).toBe(operations.length);
  });

  it('each pass the schema and the query limits', () => {
    const rules = [...specifiedRules, ...(queryLimits().validationRules as ValidationRule[])];
    const failures = operations.flatMap((operation) =>
      validate(schema, withFragments(operation, fragments), rules).map((error) => `${operation.name?.value}: ${error.message}`),
    );
    expect(failures).toEqual([]);
  });
});
