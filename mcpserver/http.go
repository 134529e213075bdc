package mcpserver

import (
	"net/http"

	"github.com/ethereum/go-ethereum/common"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/axl-market/axl/api/client"
)

// HTTPHandler serves NewRemote's tools over MCP's streamable HTTP,
// stateless (no sessions: each POST is answered on its own), for signer:
// api is the transport that calls the server's API as signer (the api
// package's MCPHandler hands it over, for the signer of the /mcp request).
func HTTPHandler(signer common.Address, api http.RoundTripper) http.Handler {
	c := client.Delegated("http://axl.internal", signer, &http.Client{Transport: api})
	return mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return NewRemote(c) },
		&mcp.StreamableHTTPOptions{Stateless: true})
}
