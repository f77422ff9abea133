using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Application.Users.Queries.ListApiKeys;
using FluentValidation;
using MediatR;

namespace CleanDashboard.Application.Users.Commands.SetApiKeyCapture;

/// <summary>Marks a key "never capture": its requests keep their figures but never their bodies, from the next request on.</summary>
public sealed record SetApiKeyCaptureCommand(int Id, bool? NeverCapture) : IRequest<ApiKeyDto>;

public sealed class SetApiKeyCaptureCommandValidator : AbstractValidator<SetApiKeyCaptureCommand>
{
    public SetApiKeyCaptureCommandValidator() =>
        RuleFor(c => c.NeverCapture).NotNull().OverridePropertyName("neverCapture").WithMessage("NeverCapture must be true or false.");
}

public sealed class SetApiKeyCaptureCommandHandler(IUserStore users, IUserReadStore readStore, IApiKeyAuthenticator authenticator)
    : IRequestHandler<SetApiKeyCaptureCommand, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(SetApiKeyCaptureCommand request, CancellationToken cancellationToken)
    {
        var key = await users.SetNeverCaptureAsync(request.Id, request.NeverCapture!.Value, cancellationToken)
            ?? throw new NotFoundException("API key", request.Id);
        authenticator.Forget(key.KeyHash);
        return await readStore.FindApiKeyAsync(key.Id, cancellationToken) ?? throw new NotFoundException("API key", request.Id);
    }
}
