"""Two-factor sign-in: a code from an authenticator app (TOTP, django-otp) after the password, and recovery codes.

How a sign-in goes (`organisations.sign_in.SignInView`):
- a person with an app set up gives the right password and is *not* signed in yet: the session holds only who is
  part-way through (`pending`), and the code page (`views.verify`) signs them in once the code is right;
- a person who must use two-factor sign-in (`policy.is_required`) and has no app yet is signed in, but the
  middleware keeps them on the set-up pages until an app is confirmed;
- anyone else is signed in with the password alone.

Any other way of signing in (the admin's sign-in page, a test's `force_login`) goes through the same
`user_logged_in` receiver (`policy.note_step_on_sign_in`), so it cannot skip the second step. API requests signed
with a token carry no session, so none of this applies to them.
"""
