namespace CleanDashboard.Application.Auth;

public interface IApiKeyAuthenticator
{
    /// <summary>The caller owning this key, or <c>null</c> when the key is unknown or revoked.</summary>
    ValueTask<AuthenticatedCaller?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken);

    /// <summary>Drops whatever is remembered about the key with this hash, so a revocation counts from the next request.</summary>
    void Forget(byte[] keyHash);
}
