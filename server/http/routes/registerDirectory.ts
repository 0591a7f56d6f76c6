import {
  countryListResponseSchema,
  createOrganisationBodySchema,
  createPostBodySchema,
  organisationListResponseSchema,
  organisationParamsSchema,
  organisationResponseSchema,
  organisationsQuerySchema,
  postListResponseSchema,
  postParamsSchema,
  postResponseSchema,
  postsQuerySchema,
  updateOrganisationBodySchema,
  updatePostBodySchema,
} from "#shared/api/register";
import {
  changeOrganisation,
  createOrganisation,
  listRegisterCountries,
  listRegisterOrganisations,
} from "../../commands/register/organisations";
import {
  changePost,
  confirmPost,
  createPost,
  getPost,
  listDirectory,
} from "../../commands/register/posts";
import type { AuthenticatedActor } from "../../policies/actor";
import {
  canConfirmPosts,
  canCreateInCountry,
  canManageRegister,
  canReadRegister,
} from "../../policies/register";
import { type AnyRoute, defineRoute } from "../route";

const tags = ["register"];

const countries = defineRoute({
  method: "get",
  path: "/api/v1/register/countries",
  summary: "The countries of the register, with their numbers of organisations and posts",
  tags,
  response: { status: 200, schema: countryListResponseSchema },
  authenticated: true,
  policy: canReadRegister,
  handler: async ({ hub }) => ({ countries: await listRegisterCountries(hub) }),
});

const organisations = defineRoute({
  method: "get",
  path: "/api/v1/register/organisations",
  summary: "Organisations, by country and kind",
  tags,
  request: { query: organisationsQuerySchema },
  response: { status: 200, schema: organisationListResponseSchema },
  authenticated: true,
  policy: canReadRegister,
  handler: async ({ hub, input }) => ({
    organisations: await listRegisterOrganisations(hub, input.query),
  }),
});

const createOrganisationRoute = defineRoute({
  method: "post",
  path: "/api/v1/register/organisations",
  summary: "Create an organisation (administrators, or the coordinator of its country)",
  tags,
  request: { body: createOrganisationBodySchema },
  response: { status: 201, schema: organisationResponseSchema },
  authenticated: true,
  policy: canCreateInCountry,
  handler: async ({ hub, actor, input }) => ({
    organisation: await createOrganisation(hub, actor as AuthenticatedActor, input.body),
  }),
});

const updateOrganisationRoute = defineRoute({
  method: "post",
  path: "/api/v1/register/organisations/:organisationId/update",
  summary: "Rename an organisation or change its kind",
  tags,
  request: { params: organisationParamsSchema, body: updateOrganisationBodySchema },
  response: { status: 200, schema: organisationResponseSchema },
  authenticated: true,
  policy: canManageRegister,
  handler: async ({ hub, actor, input }) => ({
    organisation: await changeOrganisation(
      hub,
      actor as AuthenticatedActor,
      input.params.organisationId,
      input.body,
    ),
  }),
});

const directory = defineRoute({
  method: "get",
  path: "/api/v1/register/posts",
  summary: "The directory: posts, their office channels and current holders, filtered",
  tags,
  request: { query: postsQuerySchema },
  response: { status: 200, schema: postListResponseSchema },
  authenticated: true,
  policy: canReadRegister,
  handler: async ({ hub, input }) => ({ posts: await listDirectory(hub, input.query) }),
});

const createPostRoute = defineRoute({
  method: "post",
  path: "/api/v1/register/posts",
  summary: "Create a post in an organisation (logged as post-created)",
  tags,
  request: { body: createPostBodySchema },
  response: { status: 201, schema: postResponseSchema },
  authenticated: true,
  policy: canCreateInCountry,
  handler: async ({ hub, actor, input }) => ({
    post: await createPost(hub, actor as AuthenticatedActor, input.body),
  }),
});

const post = defineRoute({
  method: "get",
  path: "/api/v1/register/posts/:postId",
  summary: "One directory entry",
  tags,
  request: { params: postParamsSchema },
  response: { status: 200, schema: postResponseSchema },
  authenticated: true,
  policy: canReadRegister,
  handler: async ({ hub, input }) => ({ post: await getPost(hub, input.params.postId) }),
});

const updatePostRoute = defineRoute({
  method: "post",
  path: "/api/v1/register/posts/:postId/update",
  summary: "Change a post's details (logged as post-changed)",
  tags,
  request: { params: postParamsSchema, body: updatePostBodySchema },
  response: { status: 200, schema: postResponseSchema },
  authenticated: true,
  policy: canManageRegister,
  handler: async ({ hub, actor, input }) => ({
    post: await changePost(hub, actor as AuthenticatedActor, input.params.postId, input.body),
  }),
});

const confirm = defineRoute({
  method: "post",
  path: "/api/v1/register/posts/:postId/confirm",
  summary: "Confirm that a post's details are right (its holders, or its country's authority)",
  tags,
  request: { params: postParamsSchema },
  response: { status: 200, schema: postResponseSchema },
  authenticated: true,
  policy: canConfirmPosts,
  handler: async ({ hub, actor, input }) => ({
    post: await confirmPost(hub, actor as AuthenticatedActor, input.params.postId),
  }),
});

/** Countries, organisations and posts. */
export const registerDirectoryRoutes: AnyRoute[] = [
  countries,
  organisations,
  createOrganisationRoute,
  updateOrganisationRoute,
  directory,
  createPostRoute,
  post,
  updatePostRoute,
  confirm,
];
