package main

import (
	"context"
	"io"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/axl-market/axl/mcpserver"
)

// runMCP is `axl mcp`: the buyer's tools served over MCP on standard input
// and output, for an agent's MCP host, signing with the key of --key-file
// for the deployment of --deployment.
func runMCP(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "mcp")
	var af agentFlags
	af.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if af.deployment == "" {
		return usageError{"mcp: --deployment is required: the chain and contracts whose documents the buy tool signs (devnet.json for the dev chain)"}
	}
	c, err := af.client()
	if err != nil {
		return err
	}
	in, out := env.stdin, env.stdout
	if in == nil {
		in = eofReader{}
	}
	return mcpserver.New(c).Run(ctx, &mcp.IOTransport{Reader: io.NopCloser(in), Writer: nopWriteCloser{out}})
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
