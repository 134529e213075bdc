package openapi

import (
	"encoding/json"
	"fmt"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
)

// Convert derives the OpenAPI 3 document from swag's Swagger 2 output. Swagger
// 2 has one "produces" list per operation, so the conversion then gives every
// response whose schema is the Problem its true media type,
// application/problem+json.
func Convert(swagger []byte) ([]byte, error) {
	var v2 openapi2.T
	if err := json.Unmarshal(swagger, &v2); err != nil {
		return nil, fmt.Errorf("swagger.json: %w", err)
	}
	v3, err := openapi2conv.ToV3(&v2)
	if err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	for _, item := range v3.Paths.Map() {
		for _, op := range item.Operations() {
			for _, resp := range op.Responses.Map() {
				if resp.Value == nil {
					continue
				}
				for mt, media := range resp.Value.Content {
					if media.Schema != nil && media.Schema.Ref == "#/components/schemas/api.Problem" {
						delete(resp.Value.Content, mt)
						resp.Value.Content["application/problem+json"] = media
					}
				}
			}
		}
	}
	if err := v3.Validate(openapi3.NewLoader().Context); err != nil {
		return nil, fmt.Errorf("the derived OpenAPI 3 document is invalid: %w", err)
	}
	b, err := json.MarshalIndent(v3, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
