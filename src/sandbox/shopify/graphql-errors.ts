import {
  type ASTVisitor,
  type DocumentNode,
  FieldsOnCorrectTypeRule,
  type GraphQLError,
  type GraphQLSchema,
  isInputType,
  KnownArgumentNamesRule,
  KnownDirectivesRule,
  Kind,
  NoUndefinedVariablesRule,
  NoUnusedVariablesRule,
  type OperationDefinitionNode,
  print,
  ProvidedRequiredArgumentsRule,
  ScalarLeafsRule,
  specifiedRules,
  typeFromAST,
  type ValidationContext,
  type ValidationRule,
  ValuesOfCorrectTypeRule,
  validate,
  validateInputValue,
} from 'graphql';

/**
 * Shopify's GraphQL errors are graphql-ruby's: `{ message, locations, path?, extensions: { code, … } }`
 * with the static-validation codes of graphql-ruby's `StaticValidation` error classes
 * (`undefinedField`, `argumentNotAccepted`, `missingRequiredArguments`, `variableNotDefined`,
 * `variableNotUsed`, `selectionMismatch`, `undefinedDirective`, `argumentLiteralsIncompatible`).
 * graphql-js does the validating; these functions only reshape its findings.
 */
export interface ShopifyGraphqlError {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

function locations(error: GraphQLError): Array<{ line: number; column: number }> | undefined {
  return error.locations?.map((l) => ({ line: l.line, column: l.column }));
}

/**
 * A syntax error, as graphql-ruby's parser reports it (`Parse error on "…" at [line, column]` with
 * `locations`, no `extensions`; recorded in Shopify/shopify-cli#668). The token text comes from
 * graphql-js, so the wording after "Parse error" can differ from Shopify's.
 */
export function syntaxError(error: GraphQLError): ShopifyGraphqlError {
  const at = error.locations?.[0];
  const detail = error.message.replace(/^Syntax Error:\s*/, '');
  return { message: `Parse error: ${detail}${at ? ` at [${at.line}, ${at.column}]` : ''}`, ...(at ? { locations: [{ line: at.line, column: at.column }] } : {}) };
}

/**
 * graphql-ruby's `FieldsAreDefinedOnType`: "Field 'x' doesn't exist on type 'T'", the document path
 * (`["query Name", "productVariants", "nodes", "x"]`) and `{code: "undefinedField", typeName, fieldName}`.
 */
function undefinedFieldRule(found: ShopifyGraphqlError[]): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const path: string[] = [];
    return {
      OperationDefinition: {
        enter(node) {
          path.push(`${node.operation}${node.name ? ` ${node.name.value}` : ''}`);
        },
        leave() {
          path.pop();
        },
      },
      Field: {
        enter(node) {
          const parent = context.getParentType();
          path.push(node.alias?.value ?? node.name.value);
          if (parent && !context.getFieldDef() && node.name.value !== '__typename') {
            found.push({
              message: `Field '${node.name.value}' doesn't exist on type '${parent.name}'`,
              ...(node.loc ? { locations: [{ line: node.loc.startToken.line, column: node.loc.startToken.column }] } : {}),
              path: [...path],
              extensions: { code: 'undefinedField', typeName: parent.name, fieldName: node.name.value },
            });
          }
        },
        leave() {
          path.pop();
        },
      },
    };
  };
}

/** graphql-js rule → graphql-ruby code. Rules not listed keep graphql-js's message with no code (none is attested). */
const CODES = new Map<ValidationRule, string>([
  [KnownArgumentNamesRule, 'argumentNotAccepted'],
  [ProvidedRequiredArgumentsRule, 'missingRequiredArguments'],
  [NoUndefinedVariablesRule, 'variableNotDefined'],
  [NoUnusedVariablesRule, 'variableNotUsed'],
  [ScalarLeafsRule, 'selectionMismatch'],
  [KnownDirectivesRule, 'undefinedDirective'],
  [ValuesOfCorrectTypeRule, 'argumentLiteralsIncompatible'],
]);

/** Every static-validation error of the document, Shopify-shaped; empty when it is valid. */
export function validationErrors(schema: GraphQLSchema, document: DocumentNode): ShopifyGraphqlError[] {
  const found: ShopifyGraphqlError[] = [];
  validate(schema, document, [undefinedFieldRule(found)]);
  for (const rule of specifiedRules) {
    if (rule === FieldsOnCorrectTypeRule) continue;
    for (const error of validate(schema, document, [rule])) {
      const code = CODES.get(rule);
      const where = locations(error);
      found.push({ message: error.message, ...(where ? { locations: where } : {}), ...(code ? { extensions: { code } } : {}) });
    }
  }
  return found;
}

/**
 * Variables checked against their declared types the way graphql-ruby reports them: one error per
 * variable, "Variable $input of type T! was provided invalid value[ for a.b (why), …]" with
 * `extensions: { value, problems: [{ path, explanation }] }` (recorded Shopify answers:
 * carstenlebek/shopify-non-embedded-app-template#22, imsujan276/shopify_flutter#11).
 */
export function variableErrors(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): ShopifyGraphqlError[] {
  const errors: ShopifyGraphqlError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue; // reported by validation
    const typeText = print(definition.type);
    const value = variables[name];
    const location = definition.loc ? [{ line: definition.loc.startToken.line, column: definition.loc.startToken.column }] : undefined;
    const problems: Array<{ path: Array<string | number>; explanation: string }> = [];
    if (value === undefined) {
      if (definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue) problems.push({ path: [], explanation: 'Expected value to not be null' });
    } else {
      validateInputValue(value, type, (error, path) => problems.push(problem(error, [...path])), true);
    }
    if (problems.length === 0) continue;
    const where = problems.filter((p) => p.path.length > 0);
    const message = where.length > 0 ? `Variable $${name} of type ${typeText} was provided invalid value for ${where.map((p) => `${p.path.join('.')} (${p.explanation})`).join(', ')}` : `Variable $${name} of type ${typeText} was provided invalid value`;
    errors.push({ message, ...(location ? { locations: location } : {}), extensions: { value: value ?? null, problems } });
  }
  return errors;
}

/** graphql-js's input complaint in graphql-ruby's wording where that is known. */
function problem(error: GraphQLError, path: Array<string | number>): { path: Array<string | number>; explanation: string } {
  const unknown = /Expected value of type "([^"]+)" not to include unknown field "([^"]+)"/.exec(error.message);
  if (unknown?.[1] && unknown[2]) return { path: [...path, unknown[2]], explanation: `Field is not defined on ${unknown[1]}` };
  const missing = /Expected value of type "([^"]+)" to include required field "([^"]+)"/.exec(error.message);
  if (missing?.[2]) return { path: [...path, missing[2]], explanation: 'Expected value to not be null' };
  if (/^Expected non-nullable type/.test(error.message) || /must not be null/.test(error.message)) return { path, explanation: 'Expected value to not be null' };
  return { path, explanation: error.message };
}
